import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { visitorOf } from '../auth/auth-hooks.js';
import type { Database } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/app-error.js';
import { AttachmentRepository } from './attachment-repository.js';
import type { MaterialConnector } from './connectors/material-connector.js';
import { ALLOWED_UPLOAD_TYPES, sniffFileType } from './file-type-sniffer.js';
import { contentDisposition, safeFilename } from './safe-filename.js';
import { asSelfServiceDb } from './self-service-db.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './upload-errors.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const MAX_ATTACHMENTS_PER_CONVERSATION = 20;
// Base64 is 4/3 of the bytes, plus the JSON around it.
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

const attachmentDto = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  /** The application the file was filed under, when the conversation is collecting materials for one. */
  applicationRef: z.string().nullable(),
});
const params = z.strictObject({ id: z.uuid() });
const fileParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

/**
 * Visitor uploads of application materials (PDF/JPEG/PNG ≤ 5 MB, checked by
 * magic bytes) and their download. Register under `/api/v1`; `materials`, the
 * enterprise's connector, files each upload under the application the
 * conversation's `materials.expect` named (none configured: the file is only kept here).
 */
export const selfserviceRoutes: FastifyPluginAsyncZod<{ db: Kysely<Database>; materials?: MaterialConnector }> = async (app, { db, materials }) => {
  const ssdb = asSelfServiceDb(db);
  const attachments = new AttachmentRepository(ssdb);
  const uploadsPerVisitor = app.rateLimits.limiter('selfservice.uploads_per_visitor', 20, 60_000);

  /** The visitor's own conversation, or 404 (also for other visitors' and other tenants' ids). */
  const ownConversation = async (visitor: { tenantId: string; visitorId: string }, conversationId: string) => {
    const row = await ssdb
      .selectFrom('conversations')
      .select('id')
      .where('tenant_id', '=', visitor.tenantId)
      .where('id', '=', conversationId)
      .where('visitor_id', '=', visitor.visitorId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Conversation');
    return { tenantId: visitor.tenantId, conversationId, visitorId: visitor.visitorId };
  };

  app.post('/widget/conversations/:id/attachments', {
    config: { auth: 'visitor' },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['widget'],
      params,
      body: z.strictObject({
        filename: z.string().min(1).max(255),
        contentType: z.string().min(1).max(100),
        dataBase64: z.string().min(1).max(UPLOAD_BODY_LIMIT),
      }),
      response: { 201: attachmentDto },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await uploadsPerVisitor.hit(visitor.visitorId);
      const scope = await ownConversation(visitor, req.params.id);
      const { filename, contentType, dataBase64 } = req.body;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64) || dataBase64.length % 4 !== 0) throw new ValidationError('dataBase64 is not valid base64');
      const data = Buffer.from(dataBase64, 'base64');
      if (data.length > MAX_UPLOAD_BYTES) throw new PayloadTooLargeError('文件不能超过 5 MB');
      const actual = sniffFileType(data);
      if (!actual || !(ALLOWED_UPLOAD_TYPES as readonly string[]).includes(contentType)) throw new UnsupportedMediaTypeError('只支持 PDF、JPG、PNG 文件');
      if (actual !== contentType) throw new UnsupportedMediaTypeError(`文件内容是 ${actual}，与声明的 ${contentType} 不符`);
      if ((await attachments.count(scope)) >= MAX_ATTACHMENTS_PER_CONVERSATION) throw new ConflictError('本次会话上传的文件已达上限', 'too_many_attachments');
      const saved = await attachments.create(scope, { filename: safeFilename(filename, actual), contentType: actual, data });
      // The file is kept either way; an enterprise that cannot be reached just does not learn of it now (an agent sees it in the chat).
      const filed = await materials?.received({ ...scope, now: new Date() }, { attachmentId: saved.id, filename: saved.filename }).catch((err: unknown) => {
        req.log.warn({ err, attachmentId: saved.id }, 'materials: the enterprise backend did not take the upload');
        return null;
      });
      return reply.status(201).send({ ...saved, createdAt: saved.createdAt.toISOString(), applicationRef: filed?.applicationRef ?? null });
    },
  });

  app.get('/widget/conversations/:id/attachments/:attachmentId', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: fileParams },
    handler: async (req, reply) => {
      const scope = await ownConversation(visitorOf(req), req.params.id);
      const file = await attachments.get(scope, req.params.attachmentId);
      if (!file) throw new NotFoundError('Attachment');
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  });
};
