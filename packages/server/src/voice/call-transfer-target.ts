import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { handoffDatabase } from '../handoff/handoff-schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

/** Where a handed-off call goes: the handoff request's chat group (the queue) and the agent it is offered or assigned to. */
export interface CallTransferTarget {
  queue: string | null;
  agent: string | null;
}

/** Reads the open handoff request of a conversation, for the bridge's `transfer` event. */
export async function callTransferTarget(db: Kysely<Database>, ctx: TenantContext, conversationId: string): Promise<CallTransferTarget> {
  const row = await handoffDatabase(db)
    .selectFrom('handoff_requests')
    .select(['group_id', 'offered_to', 'assigned_to'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('conversation_id', '=', conversationId)
    .where('ended_at', 'is', null)
    .orderBy('queued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { queue: row?.group_id ?? null, agent: row?.assigned_to ?? row?.offered_to ?? null };
}
