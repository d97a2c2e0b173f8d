import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import type { HandoffFollowUp } from './handoff-follow-up.js';
import { handoffDatabase, type HandoffDatabase, type HandoffRequestRow } from './handoff-schema.js';

interface Deps {
  announcer: HandoffAnnouncer;
  followUp: HandoffFollowUp;
  now: () => Date;
}

/** Chats going back to the queue without anyone asking: expired offers and agents who went offline (Flows 3 and 4). */
export class HandoffRequeue {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly deps: Deps,
  ) {
    this.db = handoffDatabase(db);
  }

  /** The loop: offers past their deadline go back to the queue (the agent skipped) and on to the next agent. */
  async expireOffers(limit = 100): Promise<number> {
    const now = this.deps.now();
    const rows = await TenantScope.asSystem(() =>
      this.db.transaction().execute(async (trx) => {
        const due = await trx.selectFrom('handoff_requests').selectAll().where('status', '=', 'offered').where('offer_expires_at', '<=', now).orderBy('offer_expires_at').limit(limit).forUpdate().skipLocked().execute();
        const out: HandoffRequestRow[] = [];
        for (const r of due) out.push(await requeueOffer(trx, r));
        return out;
      }),
    );
    for (const [tenantId, list] of groupByTenant(rows)) await TenantScope.asTenant(tenantId, () => this.deps.followUp.afterQueueMove({ tenantId }, list));
    return rows.length;
  }

  /**
   * Flow 4: an agent went offline. Their offers go back to the queue; each assigned chat whose
   * visitor spoke after the agent's last message goes back as a new request with its original
   * `queued_at` (so it keeps its place), the old one ended `agent_offline`.
   */
  async returnChatsOf(tenantId: string, userId: string): Promise<HandoffRequestRow[]> {
    const now = this.deps.now();
    const ctx = { tenantId };
    return TenantScope.asTenant(tenantId, async () => {
      const changed = await this.db.transaction().execute(async (trx) => {
        const held = await trx
          .selectFrom('handoff_requests')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where((eb) => eb.or([eb.and([eb('status', '=', 'offered'), eb('offered_to', '=', userId)]), eb.and([eb('status', '=', 'assigned'), eb('assigned_to', '=', userId)])]))
          .orderBy('id')
          .forUpdate()
          .execute();
        const out: HandoffRequestRow[] = [];
        for (const r of held) {
          if (r.status === 'offered') {
            out.push(await requeueOffer(trx, r));
            continue;
          }
          if (!(await unanswered(trx, tenantId, r.conversation_id))) continue;
          out.push(await trx.updateTable('handoff_requests').set({ status: 'ended', ended_at: now, end_reason: 'agent_offline' }).where('id', '=', r.id).returningAll().executeTakeFirstOrThrow());
          out.push(
            await trx
              .insertInto('handoff_requests')
              .values({
                id: randomUUID(),
                tenant_id: tenantId,
                conversation_id: r.conversation_id,
                group_id: r.group_id,
                reason: r.reason,
                priority: r.priority,
                required_skills: JSON.stringify(r.required_skills),
                skipped_agents: JSON.stringify([userId]),
                status: 'queued',
                queued_at: r.queued_at,
                created_at: now,
                transfer_note: r.transfer_note,
                transferred_from: r.transferred_from,
              })
              .returningAll()
              .executeTakeFirstOrThrow(),
          );
          await trx.updateTable('conversations').set({ assignee_id: null, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', r.conversation_id).execute();
        }
        return out;
      });
      await this.deps.followUp.afterQueueMove(ctx, changed);
      for (const conversationId of new Set(changed.filter((r) => r.end_reason === 'agent_offline').map((r) => r.conversation_id))) await this.deps.announcer.conversationChanged(ctx, conversationId);
      return changed;
    });
  }

  /** Every group with queued requests (any tenant), for the loop's catch-up dispatch. */
  async groupsWithWaiting(limit = 200): Promise<{ tenantId: string; groupId: string }[]> {
    const rows = await TenantScope.asSystem(() =>
      this.db.selectFrom('handoff_requests').select(['tenant_id', 'group_id']).distinct().where('status', '=', 'queued').where('group_id', 'is not', null).limit(limit).execute(),
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, groupId: r.group_id! }));
  }
}

/** An offer declined or expired: back to `queued`, the agent on the request's skip list. */
export async function requeueOffer(trx: Kysely<HandoffDatabase>, r: HandoffRequestRow): Promise<HandoffRequestRow> {
  const skipped = r.offered_to && !r.skipped_agents.includes(r.offered_to) ? [...r.skipped_agents, r.offered_to] : r.skipped_agents;
  return trx
    .updateTable('handoff_requests')
    .set({ status: 'queued', offered_to: null, offered_at: null, offer_expires_at: null, skipped_agents: JSON.stringify(skipped) })
    .where('id', '=', r.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The visitor spoke after the agent's last message (or the agent never wrote). */
async function unanswered(trx: Kysely<HandoffDatabase>, tenantId: string, conversationId: string): Promise<boolean> {
  const { rows } = await sql<{ visitor: number | null; agent: number | null }>`
    select max(seq) filter (where sender_type = 'visitor') as visitor, max(seq) filter (where sender_type = 'agent' and not internal) as agent
    from messages where tenant_id = ${tenantId}::uuid and conversation_id = ${conversationId}::uuid`.execute(trx);
  const row = rows[0];
  if (!row || row.visitor === null) return false;
  return row.agent === null || Number(row.agent) < Number(row.visitor);
}

function groupByTenant(rows: readonly HandoffRequestRow[]): Map<string, HandoffRequestRow[]> {
  const out = new Map<string, HandoffRequestRow[]>();
  for (const r of rows) out.set(r.tenant_id, [...(out.get(r.tenant_id) ?? []), r]);
  return out;
}
