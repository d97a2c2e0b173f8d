import type { Kysely } from 'kysely';
import type { TicketDatabase, TicketStatus } from '../tickets/ticket-schema.js';
import type { AssigneeCandidate } from './least-loaded-picker.js';

/** The statuses that count towards a member's load: work that is still theirs to do. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer'];

/** A group member as the dispatcher weighs them. */
export interface PoolMember extends AssigneeCandidate {
  name: string;
}

/**
 * Locks and reads the members of a group as assignment candidates, inside the caller's transaction.
 *
 * Every membership row of every member is locked (`FOR UPDATE`), not only this group's: a person's
 * load is their open tickets across all their groups, so a dispatcher filling another group must
 * wait for us too, or both could hand the same person their last free slot. Rows are locked in one
 * global order (group, user), so two dispatchers never deadlock on each other. After the locks are
 * held the loads are counted by a fresh statement, which sees every assignment committed before.
 *
 * `onDuty` is false for a deactivated account; `capacity` is this group's limit for the person.
 */
export async function lockAssigneePool(trx: Kysely<TicketDatabase>, tenantId: string, groupId: string): Promise<PoolMember[]> {
  const locked = await trx
    .selectFrom('agent_group_members')
    .select(['group_id', 'user_id', 'last_assigned_at'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', (eb) => eb.selectFrom('agent_group_members').select('user_id').where('tenant_id', '=', tenantId).where('group_id', '=', groupId))
    .orderBy('group_id')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  // Only members we hold locked: one added by a transaction that committed after our lock is left for the next run.
  const lockedHere = new Set(locked.filter((r) => r.group_id === groupId).map((r) => r.user_id));
  if (lockedHere.size === 0) return [];
  const lastAssigned = new Map<string, Date>();
  for (const row of locked) {
    if (!row.last_assigned_at) continue;
    const at = new Date(row.last_assigned_at);
    const seen = lastAssigned.get(row.user_id);
    if (!seen || at > seen) lastAssigned.set(row.user_id, at);
  }
  const members = await trx
    .selectFrom('agent_group_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'm.user_id').onRef('u.tenant_id', '=', 'm.tenant_id'))
    .select(['m.user_id', 'm.on_duty', 'm.max_open_tickets', 'u.name', 'u.active'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.group_id', '=', groupId)
    .where('m.user_id', 'in', [...lockedHere])
    .orderBy('m.user_id')
    .execute();
  const loads = await countOpenTickets(
    trx,
    tenantId,
    members.map((m) => m.user_id),
  );
  return members.map((m) => ({
    userId: m.user_id,
    name: m.name,
    onDuty: m.on_duty && m.active,
    load: loads.get(m.user_id) ?? 0,
    capacity: m.max_open_tickets,
    lastAssignedAt: lastAssigned.get(m.user_id) ?? null,
  }));
}

/** Open tickets (new, open, pending_customer) held by each of `userIds`, across all groups. */
export async function countOpenTickets(db: Kysely<TicketDatabase>, tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('assignee_id', 'in', [...userIds])
    .where('status', 'in', [...OPEN_TICKET_STATUSES])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Records an automatic assignment to `userId` on all their membership rows (which the caller holds locked). */
export async function markAssigned(trx: Kysely<TicketDatabase>, tenantId: string, userId: string, at: Date): Promise<void> {
  await trx.updateTable('agent_group_members').set({ last_assigned_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}
