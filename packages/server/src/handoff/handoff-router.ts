import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { HandoffAnnouncer } from './handoff-announcer.js';
import { planOffers } from './handoff-offer-picker.js';
import { handoffDatabase, type HandoffDatabase, type HandoffRequestRow } from './handoff-schema.js';

/** Waiting requests looked at per dispatch of one group. */
const BATCH = 50;

/**
 * Offers a group's waiting chats to its online agents (docs/design/handoff.md, Flow 2). One
 * transaction: the group's `queued` requests in `(priority, queued_at)` order `FOR UPDATE SKIP
 * LOCKED` (another node dispatching the same group takes the rest, never the same rows), then
 * the candidate profiles `FOR UPDATE` in user-id order, then their load counted — after the locks,
 * so it includes every offer committed by whoever held them before. Everything that changes an
 * agent's load locks requests before profiles, in that order, so nothing deadlocks.
 * @example await router.dispatch(tenantId, groupId) // → the requests offered
 */
export class HandoffRouter {
  private readonly db: Kysely<HandoffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly announcer: HandoffAnnouncer,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = handoffDatabase(db);
  }

  async dispatch(tenantId: string, groupId: string): Promise<HandoffRequestRow[]> {
    const offered = await TenantScope.asTenant(tenantId, () => this.db.transaction().execute((trx) => this.offerWaiting(trx, tenantId, groupId, this.now())));
    await TenantScope.asTenant(tenantId, () => this.announcer.changed(offered));
    return offered;
  }

  private async offerWaiting(trx: Kysely<HandoffDatabase>, tenantId: string, groupId: string, now: Date): Promise<HandoffRequestRow[]> {
    const group = await trx.selectFrom('agent_groups').select(['offer_timeout_seconds']).where('tenant_id', '=', tenantId).where('id', '=', groupId).executeTakeFirst();
    if (!group) return [];
    const members = await trx
      .selectFrom('agent_group_members as m')
      .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'm.user_id').onRef('u.tenant_id', '=', 'm.tenant_id'))
      .select('m.user_id')
      .where('m.tenant_id', '=', tenantId)
      .where('m.group_id', '=', groupId)
      .where('u.active', '=', true)
      .execute();
    if (members.length === 0) return [];
    const profiles = await trx
      .selectFrom('agent_profiles')
      .select(['user_id', 'skills', 'max_chats', 'last_chat_assigned_at'])
      .where('tenant_id', '=', tenantId)
      .where(
        'user_id',
        'in',
        members.map((m) => m.user_id),
      )
      .where('presence', '=', 'online')
      .orderBy('user_id')
      .forUpdate()
      .execute();
    if (profiles.length === 0) return [];
    // The queue is read only once the agents are locked: a dispatch that reached them first has committed by now, so
    // this one sees the queue as it left it (a request it skipped while locked must not let a lower one overtake it).
    const waiting = await trx
      .selectFrom('handoff_requests')
      .select(['id', 'required_skills', 'skipped_agents'])
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      .where('status', '=', 'queued')
      .orderBy('priority')
      .orderBy('queued_at')
      .orderBy('id')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (waiting.length === 0) return [];
    const loads = await countLoads(
      trx,
      tenantId,
      profiles.map((p) => p.user_id),
    );
    const plan = planOffers(
      waiting.map((w) => ({ id: w.id, requiredSkills: w.required_skills, skippedAgents: w.skipped_agents })),
      profiles.map((p) => ({ userId: p.user_id, skills: p.skills, load: loads.get(p.user_id) ?? 0, maxChats: p.max_chats, lastChatAssignedAt: p.last_chat_assigned_at ? new Date(p.last_chat_assigned_at) : null })),
    );
    const out: HandoffRequestRow[] = [];
    const expires = new Date(now.getTime() + group.offer_timeout_seconds * 1000);
    for (const offer of plan) {
      const row = await trx
        .updateTable('handoff_requests')
        .set((eb) => ({
          status: 'offered',
          offered_to: offer.userId,
          offered_at: now,
          offer_expires_at: expires,
          offer_count: eb('offer_count', '+', 1),
          ...(offer.clearSkipped ? { skipped_agents: '[]' } : {}),
        }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', offer.requestId)
        .returningAll()
        .executeTakeFirstOrThrow();
      out.push(row);
    }
    return out;
  }
}

/** Offered + assigned chats per agent, counted inside the caller's transaction (after its locks). */
export async function countLoads(trx: Kysely<HandoffDatabase>, tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<{ user_id: string; n: number }>`
    select case when status = 'assigned' then assigned_to else offered_to end as user_id, count(*)::int as n
    from handoff_requests
    where tenant_id = ${tenantId}::uuid and status in ('offered', 'assigned')
      and case when status = 'assigned' then assigned_to else offered_to end in (${sql.join(userIds.map((id) => sql`${id}::uuid`))})
    group by 1`.execute(trx);
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}
