import type { ConnectorContext } from './connectors/connector-context.js';
import type { SelfServiceDb } from './self-service-db.js';

/**
 * The enterprise customer id behind a conversation: the visitor's `external_id`,
 * but only when the tenant's HMAC identity check verified it. An unverified
 * claimed userId is a label anyone can type, so it owns nothing.
 * @example await conversationCustomerId(db, ctx) // 'shopper-001' or null
 */
export async function conversationCustomerId(db: SelfServiceDb, ctx: Pick<ConnectorContext, 'tenantId' | 'conversationId'>): Promise<string | null> {
  const row = await db
    .selectFrom('conversations')
    .innerJoin('visitors', (join) => join.onRef('visitors.id', '=', 'conversations.visitor_id').onRef('visitors.tenant_id', '=', 'conversations.tenant_id'))
    .select(['visitors.external_id', 'visitors.verified'])
    .where('conversations.tenant_id', '=', ctx.tenantId)
    .where('conversations.id', '=', ctx.conversationId)
    .executeTakeFirst();
  return row?.verified && row.external_id ? row.external_id : null;
}
