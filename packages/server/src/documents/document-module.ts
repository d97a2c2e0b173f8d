import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { DEFAULT_DOCUMENT_LIMITS, DocumentImportService, type DocumentLimits } from './document-import-service.js';
import type { DocumentPassagePort } from './document-passage-port.js';
import { DocumentRepository } from './document-repository.js';
import { documentRoutes } from './document-routes.js';
import { DocumentUrlFetcher, type UrlFetchLimits } from './document-url-fetcher.js';
import { DocumentViewLink } from './document-view-link.js';
import type { PageOcr } from './ocr/page-ocr.js';

/** The documents module: import, storage, the view, and the read port of the answer side. */
export interface DocumentModule {
  repository: DocumentRepository;
  importer: DocumentImportService;
  /** What the answer side reads (enabled passages), writes (uses) and links to (the view). */
  passages: DocumentPassagePort;
  links: DocumentViewLink;
  /** Staff routes and the view; register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

export interface DocumentModuleDeps {
  events: DomainEvents;
  audit: AuditLog;
  /** The platform's secret key; the citation links are signed with a key derived from it. */
  secretKey: Uint8Array;
  /** The outbound guard URL imports connect through (the webhooks' SsrfGuard). */
  guard: SsrfGuard;
}

export interface DocumentModuleOptions {
  limits?: Partial<DocumentLimits>;
  url?: Partial<UrlFetchLimits>;
  /** OCR for scanned PDF pages (`TesseractPageOcr.detect` at start-up); null/absent: a scanned PDF is refused. */
  ocr?: PageOcr | null;
}

/**
 * Builds the documents module on the app's database.
 * @example
 * const documents = createDocumentModule(db, { events, audit, secretKey: secretKey.key, guard });
 * await api.register(documents.routes);
 * const passages = await documents.passages.listEnabledPassages({ tenantId });
 */
export function createDocumentModule(db: Kysely<Database>, deps: DocumentModuleDeps, options: DocumentModuleOptions = {}): DocumentModule {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...options.limits };
  const repository = new DocumentRepository(db);
  const links = new DocumentViewLink(deps.secretKey);
  const fetcher = new DocumentUrlFetcher(deps.guard, { maxBytes: limits.maxBytes, timeoutMs: 30_000, maxRedirects: 3, ...options.url });
  const importer = new DocumentImportService(repository, fetcher, deps.events, limits, options.ocr ?? null);
  const passages: DocumentPassagePort = {
    listEnabledPassages: (scope) => repository.listEnabledPassages(scope),
    recordUse: (scope, use) => repository.recordUse(scope, use),
    viewPath: (scope, documentId, anchor) => links.path(scope.tenantId, documentId, anchor),
  };
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(documentRoutes, {
      repository,
      importer,
      links,
      maxBytes: limits.maxBytes,
      audit: (staff, action, documentId, detail = {}) => deps.audit.record({ tenantId: staff.tenantId, ...auditActor(staff), action, objectType: 'document', objectId: documentId, detail }),
    });
  };
  return { repository, importer, passages, links, routes };
}
