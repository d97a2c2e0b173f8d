import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../auth/audit-log.js';
import type { BotConfigRepository } from '../../bot/bot-config-repository.js';
import type { ConversationRepository } from '../../conversations/conversation-repository.js';
import type { Database } from '../../db/schema.js';
import { ConversationContextBuilder } from './conversation-context-builder.js';
import { conversationContextRoutes } from './conversation-context-routes.js';
import { CustomerRecordsReader } from './customer-records-reader.js';
import type { CustomerRecordConnector } from '../../selfservice/connectors/customer-record-connector.js';

/** The agent's context panel: the builder and its route. */
export interface ConversationContextModule {
  builder: ConversationContextBuilder;
  /** Register under the `/api/v1` prefix. */
  routes: FastifyPluginAsync;
}

/**
 * @example
 * const context = createConversationContextModule(db, { conversations: conversationRepo, botConfigs, audit });
 * await api.register(context.routes); // inside the /api/v1 scope
 */
export function createConversationContextModule(
  db: Kysely<Database>,
  deps: { conversations: ConversationRepository; botConfigs: BotConfigRepository; audit: AuditLog; customerRecords: CustomerRecordConnector },
): ConversationContextModule {
  const builder = new ConversationContextBuilder(db, deps.conversations, deps.botConfigs, new CustomerRecordsReader(db, deps.customerRecords));
  const routes: FastifyPluginAsync = async (api) => {
    await api.register(conversationContextRoutes, { builder, audit: deps.audit });
  };
  return { builder, routes };
}
