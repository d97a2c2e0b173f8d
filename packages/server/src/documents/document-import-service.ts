import { createHash } from 'node:crypto';
import type { DomainEvents } from '../events/domain-events.js';
import { BadRequestError } from '../errors/app-error.js';
import { safeFilename } from '../selfservice/safe-filename.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { DocumentTooLargeError } from './document-import-errors.js';
import type { DocumentRepository, ImportOutcome } from './document-repository.js';
import type { DocumentUrlFetcher } from './document-url-fetcher.js';
import type { PageOcr } from './ocr/page-ocr.js';
import { parseDocument, type DocumentParseLimits } from './parse/document-parser.js';
import { detectDocumentFormat, type DocumentFormat } from './parse/document-type.js';

export interface DocumentLimits extends DocumentParseLimits {
  /** Largest upload or fetched body. */
  maxBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxBytes: 20 * 1024 * 1024, maxPages: 500, maxPassages: 5000, timeoutMs: 60_000 };

export interface UploadInput {
  data: Buffer;
  filename: string;
  declaredMime: string | null;
  /** The admin's title; else the file's own, else the file name. */
  title?: string | null;
  importedBy: string | null;
}

export interface ImportResult extends ImportOutcome {
  passages: number;
}

const EXTENSION: Record<DocumentFormat, string> = { pdf: 'pdf', docx: 'docx', markdown: 'md', html: 'html', text: 'txt' };

/**
 * Imports documents: checks the bytes (type by magic bytes, size, pages), parses them into
 * passages, and stores the document, its version and every passage in one transaction. Parsing
 * happens before the transaction opens, so a refused file leaves nothing behind, and a re-import
 * that fails keeps the previous version serving. After a commit that changed something, the
 * `documents.changed` event tells the answer side to rebuild the tenant's index.
 * @example await service.importUpload(ctx, { data, filename: '售后服务手册.pdf', declaredMime: 'application/pdf', importedBy: userId })
 */
export class DocumentImportService {
  constructor(
    private readonly repository: DocumentRepository,
    private readonly fetcher: DocumentUrlFetcher,
    private readonly events: DomainEvents,
    private readonly limits: DocumentLimits,
    /** Reads scanned PDF pages; null when the server has no OCR (a scan is then refused). */
    private readonly ocr: PageOcr | null = null,
  ) {}

  /** A new document from an upload, or (`documentId`) a new version of one. */
  async importUpload(ctx: TenantContext, input: UploadInput, documentId: string | null = null): Promise<ImportResult> {
    if (documentId) await this.repository.get(ctx, documentId);
    const format = this.checkedFormat(input.data, input.filename, input.declaredMime);
    const name = safeFilename(input.filename, 'application/pdf').replace(/\.pdf$/, `.${EXTENSION[format]}`);
    return this.save(ctx, { format, data: input.data, name, title: input.title ?? null, url: null, importedBy: input.importedBy, documentId });
  }

  /** Fetches a URL of the tenant's allowed sites; a URL imported before becomes a new version of its document. */
  async importUrl(ctx: TenantContext, input: { url: string; title?: string | null; importedBy: string | null }): Promise<ImportResult> {
    const fetched = await this.fetcher.fetch(input.url, await this.repository.allowedSites(ctx));
    const existing = (await this.repository.findByUrl(ctx, fetched.finalUrl)) ?? (await this.repository.findByUrl(ctx, input.url));
    const format = this.checkedFormat(fetched.data, fetched.name, fetched.contentType);
    const name = safeFilename(fetched.name, 'application/pdf').replace(/\.pdf$/, `.${EXTENSION[format]}`);
    return this.save(ctx, { format, data: fetched.data, name, title: input.title ?? null, url: existing?.source_url ?? fetched.finalUrl, importedBy: input.importedBy, documentId: existing?.id ?? null });
  }

  /** Fetches a URL document's address again; a new version only if the content changed. */
  async refresh(ctx: TenantContext, documentId: string, importedBy: string | null): Promise<ImportResult> {
    const document = await this.repository.get(ctx, documentId);
    if (!document.source_url) throw new BadRequestError('这份文档是上传的文件，请上传新版本文件来更新', 'document_not_from_url');
    const fetched = await this.fetcher.fetch(document.source_url, await this.repository.allowedSites(ctx));
    const format = this.checkedFormat(fetched.data, fetched.name, fetched.contentType);
    return this.save(ctx, { format, data: fetched.data, name: document.source_name, title: document.title, url: document.source_url, importedBy, documentId });
  }

  async delete(ctx: TenantContext, documentId: string): Promise<void> {
    await this.repository.delete(ctx, documentId);
    this.events.emit('documents.changed', { tenantId: ctx.tenantId });
  }

  async setPassageEnabled(ctx: TenantContext, documentId: string, passageId: string, enabled: boolean) {
    const passage = await this.repository.setPassageEnabled(ctx, documentId, passageId, enabled);
    this.events.emit('documents.changed', { tenantId: ctx.tenantId });
    return passage;
  }

  private checkedFormat(data: Buffer, name: string, declaredMime: string | null): DocumentFormat {
    if (data.length > this.limits.maxBytes) throw new DocumentTooLargeError(`文件超过 ${Math.round(this.limits.maxBytes / 1024 / 1024)} MB 的上限，请压缩或拆分后再上传`);
    return detectDocumentFormat(data, name, declaredMime);
  }

  private async save(
    ctx: TenantContext,
    input: { format: DocumentFormat; data: Buffer; name: string; title: string | null; url: string | null; importedBy: string | null; documentId: string | null },
  ): Promise<ImportResult> {
    const content = await parseDocument(input.data, input.format, this.limits, this.ocr);
    const title = (input.title?.trim() || content.title?.trim() || input.name.replace(/\.[a-z0-9]+$/i, '')).slice(0, 200);
    const outcome = await this.repository.saveImport(ctx, {
      documentId: input.documentId,
      title,
      sourceKind: input.url ? 'url' : 'upload',
      sourceName: input.name,
      sourceUrl: input.url,
      mime: content.mime,
      sha256: createHash('sha256').update(input.data).digest('hex'),
      data: input.data,
      pages: content.pages,
      passages: content.passages,
      importedBy: input.importedBy,
    });
    if (outcome.changed) this.events.emit('documents.changed', { tenantId: ctx.tenantId });
    return { ...outcome, passages: content.passages.length };
  }
}
