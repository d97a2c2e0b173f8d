import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../auth/audit-log.js';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { TenantBrainRegistry } from '../../bot/tenant-brain-registry.js';
import type { Database } from '../../db/schema.js';
import type { PassageFinder } from '../../documents/answer/document-answerer.js';
import type { KnowledgeSearch } from '../../search/knowledge-search.js';
import type { SelfServiceActions } from '../../selfservice/self-service-actions.js';
import { AgentActions } from './agent-actions.js';
import { agentActionRoutes } from './agent-action-routes.js';
import { AgentAssist } from './agent-assist.js';
import { assistRoutes } from './assist-routes.js';
import { AssistSuggestionRepository } from './assist-suggestion-repository.js';
import { CannedReplyRepository } from './canned-reply-repository.js';
import { cannedReplyRoutes } from './canned-reply-routes.js';
import { CannedReplyVariables } from './canned-reply-variables.js';

/** Agent assist, canned replies and actions for the customer, wired together. */
export interface AgentAssistModule {
  assist: AgentAssist;
  suggestions: AssistSuggestionRepository;
  canned: CannedReplyRepository;
  actions: AgentActions;
  /** Register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

/**
 * @example
 * const agentAssist = createAgentAssistModule(db, { brains, knowledge: kb.search, botConfigs, executor: actions, audit });
 * await api.register(agentAssist.routes); // inside the /api/v1 scope
 */
export function createAgentAssistModule(
  db: Kysely<Database>,
  deps: { brains: TenantBrainRegistry; knowledge: KnowledgeSearch; botConfigs: BotConfigRepository; executor: SelfServiceActions; audit: AuditLog; passages?: PassageFinder },
): AgentAssistModule {
  const canned = new CannedReplyRepository(db);
  const suggestions = new AssistSuggestionRepository(db);
  const assist = new AgentAssist(db, deps.brains, deps.knowledge, canned, suggestions, deps.passages);
  const actions = new AgentActions(db, deps.executor, deps.botConfigs, deps.audit);
  const variables = new CannedReplyVariables(db);
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(cannedReplyRoutes, { replies: canned, variables });
    await api.register(assistRoutes, { assist, suggestions, canned, knowledge: deps.knowledge, passages: deps.passages });
    await api.register(agentActionRoutes, { actions });
  };
  return { assist, suggestions, canned, actions, routes };
}
