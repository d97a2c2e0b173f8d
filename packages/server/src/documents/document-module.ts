import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { DocumentPassagePort } from './document-passage-port.js';
import { DocumentRepository } from './document-repository.js';
import { DocumentViewLink } from './document-view-link.js';

/** The documents module: storage of imported documents and the read port of the answer side. */
export interface DocumentModule {
  repository: DocumentRepository;
  /** What the answer side reads (enabled passages), writes (uses) and links to (the view). */
  passages: DocumentPassagePort;
  links: DocumentViewLink;
}

export interface DocumentModuleDeps {
  events: DomainEvents;
  /** The platform's secret key; the citation links are signed with a key derived from it. */
  secretKey: Uint8Array;
}

/**
 * Builds the documents module on the app's database.
 * @example
 * const documents = createDocumentModule(db, { events, secretKey: secretKey.key });
 * const passages = await documents.passages.listEnabledPassages({ tenantId });
 */
export function createDocumentModule(db: Kysely<Database>, deps: DocumentModuleDeps): DocumentModule {
  const repository = new DocumentRepository(db);
  const links = new DocumentViewLink(deps.secretKey);
  const passages: DocumentPassagePort = {
    listEnabledPassages: (scope) => repository.listEnabledPassages(scope),
    recordUse: (scope, use) => repository.recordUse(scope, use),
    viewPath: (scope, documentId, anchor) => links.path(scope.tenantId, documentId, anchor),
  };
  return { repository, passages, links };
}
