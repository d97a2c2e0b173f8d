import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { TenantScope } from '../db/tenant-scope.js';
import { NotFoundError } from '../errors/app-error.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { contentDisposition } from '../selfservice/safe-filename.js';
import { DocumentRejectedError, DocumentTooLargeError } from './document-import-errors.js';
import {
  documentDetailDtoSchema,
  documentDtoSchema,
  documentSettingsSchema,
  documentVersionDtoSchema,
  importResultDtoSchema,
  importUrlSchema,
  passageDtoSchema,
  passageParamsSchema,
  passageUpdateSchema,
  passageUseDtoSchema,
  toDocumentDto,
  toPassageDto,
  toUseDto,
  toVersionDto,
  viewQuerySchema,
} from './document-dto.js';
import type { DocumentImportService, ImportResult, UploadInput } from './document-import-service.js';
import type { DocumentRepository } from './document-repository.js';
import { documentViewPage } from './document-view-page.js';
import type { DocumentViewLink } from './document-view-link.js';

export interface DocumentRouteDeps {
  repository: DocumentRepository;
  importer: DocumentImportService;
  links: DocumentViewLink;
  maxBytes: number;
  audit: (staff: StaffPrincipal, action: string, documentId: string, detail?: Record<string, unknown>) => Promise<void>;
}

const importedBy = (p: StaffPrincipal): string | null => (p.kind === 'user' ? p.userId : null);

/**
 * `/documents`: upload (multipart), import from a URL, list, read with passages, versions, uses,
 * new version, refresh from the URL, delete, switch a passage, the allowed sites, and the view
 * that opens a document at a passage (staff session, or a signed link for visitors).
 */
export const documentRoutes: FastifyPluginAsyncZod<DocumentRouteDeps> = async (app, { repository, importer, links, maxBytes, audit }) => {
  // Only this plugin parses multipart; the file may be up to maxBytes, one file per request.
  await app.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1000, parts: 8 } });
  const uploadBodyLimit = maxBytes + 256 * 1024;

  const detailOf = async (staff: StaffPrincipal, id: string) => ({
    ...toDocumentDto(await repository.getListed(staff, id)),
    passageList: (await repository.passages(staff, id)).map(toPassageDto),
  });
  const resultOf = async (staff: StaffPrincipal, result: ImportResult) => ({
    changed: result.changed,
    version: result.version,
    document: toDocumentDto(await repository.getListed(staff, result.documentId)),
  });
  const multipartSchema = { tags: ['documents'], consumes: ['multipart/form-data'], description: 'Form fields: `file` (PDF, DOCX, Markdown, HTML or TXT) and an optional `title` before it.' };

  app.get('/documents', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], response: { 200: z.object({ items: z.array(documentDtoSchema) }) } },
    handler: async (req) => ({ items: (await repository.list(staffOf(req))).map(toDocumentDto) }),
  });

  app.post('/documents', {
    config: { auth: 'kb.write' },
    bodyLimit: uploadBodyLimit,
    schema: { ...multipartSchema, response: { 201: importResultDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const result = await importer.importUpload(staff, await readUpload(req, importedBy(staff), maxBytes));
      await audit(staff, 'document.imported', result.documentId, { version: result.version, via: 'upload' });
      return reply.status(201).send(await resultOf(staff, result));
    },
  });

  app.post('/documents/import-url', {
    config: { auth: 'kb.write' },
    schema: { tags: ['documents'], body: importUrlSchema, response: { 200: importResultDtoSchema, 201: importResultDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const result = await importer.importUrl(staff, { url: req.body.url, title: req.body.title ?? null, importedBy: importedBy(staff) });
      if (result.changed) await audit(staff, 'document.imported', result.documentId, { version: result.version, via: 'url' });
      return reply.status(result.changed && result.version === 1 ? 201 : 200).send(await resultOf(staff, result));
    },
  });

  app.get('/documents/settings', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], response: { 200: documentSettingsSchema } },
    handler: async (req) => ({ allowedSites: await repository.allowedSites(staffOf(req)) }),
  });

  app.put('/documents/settings', {
    config: { auth: 'settings.manage' },
    schema: { tags: ['documents'], body: documentSettingsSchema, response: { 200: documentSettingsSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const sites = [...new Set(req.body.allowedSites)];
      await repository.setAllowedSites(staff, sites);
      await audit(staff, 'document.sites_changed', staff.tenantId, { allowedSites: sites });
      return { allowedSites: sites };
    },
  });

  app.get('/documents/:id', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], params: idParamsSchema, response: { 200: documentDetailDtoSchema } },
    handler: async (req) => detailOf(staffOf(req), req.params.id),
  });

  app.get('/documents/:id/versions', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], params: idParamsSchema, response: { 200: z.object({ items: z.array(documentVersionDtoSchema) }) } },
    handler: async (req) => {
      const staff = staffOf(req);
      await repository.get(staff, req.params.id);
      return { items: (await repository.versions(staff, req.params.id)).map(toVersionDto) };
    },
  });

  app.post('/documents/:id/versions', {
    config: { auth: 'kb.write' },
    bodyLimit: uploadBodyLimit,
    schema: { ...multipartSchema, params: idParamsSchema, response: { 200: importResultDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      await repository.get(staff, req.params.id);
      const result = await importer.importUpload(staff, await readUpload(req, importedBy(staff), maxBytes), req.params.id);
      if (result.changed) await audit(staff, 'document.imported', result.documentId, { version: result.version, via: 'upload' });
      return resultOf(staff, result);
    },
  });

  app.get('/documents/:id/versions/:version/file', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], params: z.strictObject({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1_000_000) }) },
    handler: async (req, reply) => {
      const file = await repository.versionData(staffOf(req), req.params.id, req.params.version);
      if (!file) throw new NotFoundError('Document version');
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.sourceName))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.data);
    },
  });

  app.post('/documents/:id/refresh', {
    config: { auth: 'kb.write' },
    schema: { tags: ['documents'], params: idParamsSchema, response: { 200: importResultDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const result = await importer.refresh(staff, req.params.id, importedBy(staff));
      if (result.changed) await audit(staff, 'document.imported', result.documentId, { version: result.version, via: 'url' });
      return resultOf(staff, result);
    },
  });

  app.get('/documents/:id/uses', {
    config: { auth: 'kb.read' },
    schema: { tags: ['documents'], params: idParamsSchema, querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ items: z.array(passageUseDtoSchema) }) } },
    handler: async (req) => {
      const staff = staffOf(req);
      await repository.get(staff, req.params.id);
      return { items: (await repository.uses(staff, req.params.id, req.query.limit)).map(toUseDto) };
    },
  });

  app.patch('/documents/:id/passages/:passageId', {
    config: { auth: 'kb.write' },
    schema: { tags: ['documents'], params: passageParamsSchema, body: passageUpdateSchema, response: { 200: passageDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const passage = await importer.setPassageEnabled(staff, req.params.id, req.params.passageId, req.body.enabled);
      await audit(staff, req.body.enabled ? 'document.passage_enabled' : 'document.passage_disabled', req.params.id, { passageId: passage.id });
      return toPassageDto(passage);
    },
  });

  app.delete('/documents/:id', {
    config: { auth: 'kb.write' },
    schema: { tags: ['documents'], params: idParamsSchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      await importer.delete(staff, req.params.id);
      await audit(staff, 'document.deleted', req.params.id);
      return reply.status(204).send(null);
    },
  });

  // Staff open it with their session; a visitor follows the signed link of a bot answer's citation.
  app.get('/documents/:id/view', {
    config: { auth: 'public' },
    schema: { tags: ['documents'], params: idParamsSchema, querystring: viewQuerySchema },
    handler: async (req, reply) => {
      const principal = req.principal;
      let tenantId: string;
      if (principal && principal.kind !== 'visitor') tenantId = principal.tenantId;
      else {
        const { tenant, exp, sig } = req.query;
        if (!tenant || !exp || !sig || !links.verify(req.params.id, { tenant, exp, sig })) throw new NotFoundError('Document');
        tenantId = tenant;
      }
      const view = await TenantScope.asTenant(tenantId, async () => {
        const ctx = { tenantId };
        const document = await repository.get(ctx, req.params.id);
        if (document.mime === 'application/pdf') {
          const file = await repository.versionData(ctx, document.id, document.current_version);
          return file && { pdf: file.data, title: document.title };
        }
        return { html: documentViewPage(document.title, await repository.passages(ctx, document.id)) };
      });
      if (!view) throw new NotFoundError('Document');
      void reply.header('cache-control', 'private, max-age=300').header('referrer-policy', 'no-referrer');
      if ('pdf' in view) {
        // Inline, so the browser's PDF viewer opens it and honours #page=N.
        return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`${view.title}.pdf`).replace(/^attachment/, 'inline')).send(view.pdf);
      }
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
        .send(view.html);
    },
  });
};

/** Reads the `title` field and the one `file` of a multipart upload; anything else is a 400, an oversized file a 413. */
async function readUpload(req: FastifyRequest, by: string | null, maxBytes: number): Promise<UploadInput> {
  if (!req.isMultipart()) throw new DocumentRejectedError('document_upload_invalid', '请以 multipart/form-data 上传文件（字段 file）');
  let title: string | null = null;
  let file: { data: Buffer; filename: string; mime: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'title' && typeof part.value === 'string' && part.value.trim()) title = part.value.trim().slice(0, 200);
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      file = { data: await part.toBuffer(), filename: part.filename, mime: part.mimetype };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DocumentTooLargeError(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，请压缩或拆分后再上传`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new DocumentRejectedError('document_upload_invalid', '每次只能上传一个文件');
    if (code?.startsWith('FST_')) throw new DocumentRejectedError('document_upload_invalid', '上传内容格式不正确，请重新选择文件上传');
    throw err;
  }
  if (!file) throw new DocumentRejectedError('document_upload_invalid', '没有收到文件：请在字段 file 中上传文档');
  if (title !== null && (title.includes('\u0000') || !title.isWellFormed())) throw new DocumentRejectedError('document_upload_invalid', '标题包含无效字符');
  return { data: file.data, filename: file.filename || 'document', declaredMime: file.mime || null, title, importedBy: by };
}
