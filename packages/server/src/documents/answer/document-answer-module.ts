import { allTemplateDocumentSynonyms } from '@zhida/templates';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../auth/audit-log.js';
import type { SecretBox } from '../../auth/secret-box.js';
import type { Database } from '../../db/schema.js';
import type { DomainEvents } from '../../events/domain-events.js';
import type { SsrfGuard } from '../../webhooks/ssrf-guard.js';
import type { DocumentPassagePort } from '../document-passage-port.js';
import { ChatCompletionsClient } from '../llm/chat-completions-client.js';
import { documentLlmRoutes } from '../llm/document-llm-routes.js';
import { DocumentLlmSettingsRepository } from '../llm/document-llm-settings-repository.js';
import { GroundedPhraser } from '../llm/grounded-phraser.js';
import { DocumentAnswerer } from './document-answerer.js';
import { allTemplateGraphSynonyms } from './knowledge-graph-synonyms.js';
import { PassageIndexRegistry } from './passage-index-registry.js';

/** The answer side of documents: per-tenant passage index, the answerer, the optional grounded LLM and its settings route. */
export interface DocumentAnswerModule {
  indexes: PassageIndexRegistry;
  answerer: DocumentAnswerer;
  llmSettings: DocumentLlmSettingsRepository;
  /** Registered under `/api/v1`. */
  routes: FastifyPluginAsync;
}

export interface DocumentAnswerModuleDeps {
  passages: DocumentPassagePort;
  events: DomainEvents;
  secrets: SecretBox;
  /** The outbound-call guard (SECURITY.md 25–27): the LLM endpoint is called only through it. */
  guard: SsrfGuard;
  audit: AuditLog;
  log?: FastifyBaseLogger;
}

/**
 * @example
 * const documentAnswers = createDocumentAnswerModule(db, { passages: documents.passages, events, secrets, guard, audit });
 * await documentAnswers.answerer.answer({ tenantId }, '退货运费谁出');
 */
export function createDocumentAnswerModule(db: Kysely<Database>, deps: DocumentAnswerModuleDeps): DocumentAnswerModule {
  // Every template's domain lexicon and knowledge-graph names: a tenant's documents are not limited to its template's industry.
  const indexes = new PassageIndexRegistry(deps.passages, deps.events, undefined, undefined, async () => ({ synonyms: [...allTemplateDocumentSynonyms(), ...(await allTemplateGraphSynonyms())] }));
  const llmSettings = new DocumentLlmSettingsRepository(db, deps.secrets);
  const phraser = new GroundedPhraser(llmSettings, new ChatCompletionsClient(deps.guard), deps.log);
  const answerer = new DocumentAnswerer(indexes, deps.passages, phraser);
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(documentLlmRoutes, { settings: llmSettings, guard: deps.guard, audit: deps.audit });
  };
  return { indexes, answerer, llmSettings, routes };
}
