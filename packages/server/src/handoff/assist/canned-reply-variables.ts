import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { handoffDatabase, type HandoffDatabase } from '../handoff-schema.js';
import type { CannedReplyVariable } from './canned-reply-renderer.js';

// Slot names the templates' flows use for these values, and the NLU entity types that carry them.
const ORDER_SLOTS = ['orderId', 'orderNumber', 'orderNo'];
const ORDER_ENTITIES = ['order_number', 'order_id'];
const TICKET_SLOTS = ['ticketNumber'];

/**
 * The values of a conversation a canned reply can use: the visitor's name, the order the bot
 * collected (running flow, remembered slots, then the last order number mentioned), the latest
 * ticket filed from the conversation, and the agent's own name.
 */
export class CannedReplyVariables {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = handoffDatabase(db);
  }

  async of(ctx: TenantContext, conversationId: string, agentName: string | null): Promise<Record<CannedReplyVariable, string | null>> {
    const row = await this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', (j) => j.onRef('v.id', '=', 'c.visitor_id').onRef('v.tenant_id', '=', 'c.tenant_id'))
      .select(['c.bot_state', 'v.name'])
      .where('c.tenant_id', '=', ctx.tenantId)
      .where('c.id', '=', conversationId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Conversation');
    const ticket = await this.db
      .selectFrom('tickets')
      .select('number')
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const state = (row.bot_state ?? {}) as { flow?: { slots?: Record<string, unknown> } | null; context?: Record<string, unknown>; entities?: { type?: unknown; value?: unknown }[] };
    const slot = (names: string[]) => {
      for (const source of [state.flow?.slots, state.context]) for (const name of names) if (typeof source?.[name] === 'string' && source[name]) return source[name] as string;
      return null;
    };
    const entity = [...(Array.isArray(state.entities) ? state.entities : [])].reverse().find((e) => typeof e.type === 'string' && ORDER_ENTITIES.includes(e.type) && typeof e.value === 'string');
    return {
      customerName: row.name,
      orderNumber: slot(ORDER_SLOTS) ?? (entity?.value as string | undefined) ?? null,
      agentName,
      ticketNumber: ticket?.number ?? slot(TICKET_SLOTS),
    };
  }
}
