import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { DomainEvents } from '../events/domain-events.js';
import { appendTicketEvent } from '../tickets/ticket-event-log.js';
import type { RoutingDecision, TicketRoutingPort } from '../tickets/ticket-ports.js';
import { ticketDatabase, type TicketDatabase, type TicketStatus } from '../tickets/ticket-schema.js';
import { lockAssigneePool, markAssigned, OPEN_TICKET_STATUSES, type PoolMember } from './assignee-pool.js';
import { pickLeastLoaded } from './least-loaded-picker.js';
import { matchRoutingRule } from './routing-rule-matcher.js';

/** The columns of a ticket the dispatcher reads and reports. */
interface WaitingTicket {
  id: string;
  group_id: string | null;
  assignee_id: string | null;
  status: string;
  merged_into_id: string | null;
  visitor_id: string | null;
  customer_ref: string | null;
}

/** One automatic assignment, as committed. */
export interface TicketAssignment {
  ticketId: string;
  assigneeId: string;
  groupId: string;
}

/**
 * Routes tickets to groups (rules, then the category's default group) and assigns them inside a
 * group to the least-loaded on-duty member with free capacity. Assignment runs in its own
 * transaction with row locks — the ticket `FOR UPDATE SKIP LOCKED`, the members `FOR UPDATE` — so
 * any number of app nodes may dispatch at once: a ticket is assigned once and nobody goes over
 * capacity. `ticket.changed` is emitted only after the commit. Call `assign` after the caller's own
 * transaction committed: from inside it, PostgreSQL would skip the ticket the caller holds, and
 * PGlite (one connection) would wait for itself.
 * @example
 * const dispatcher = new TicketDispatcher(db, events);
 * const decision = await dispatcher.route(trx, tenantId, { categoryId, categoryKey, text, customerTier });
 * // … after the ticket's transaction committed:
 * await dispatcher.assign(tenantId, ticketId, new Date()); // the assignee's id, or null: it waits
 */
export class TicketDispatcher implements TicketRoutingPort {
  private readonly db: Kysely<TicketDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly events: DomainEvents,
  ) {
    this.db = ticketDatabase(db);
  }

  async route(
    trx: Kysely<TicketDatabase>,
    tenantId: string,
    input: { categoryId: string | null; categoryKey: string | null; text: string; customerTier: string | null },
  ): Promise<RoutingDecision | null> {
    const category = await this.findCategory(trx, tenantId, input);
    const rules = await trx
      .selectFrom('ticket_routing_rules')
      .select(['id', 'position', 'active', 'category_keys', 'keywords', 'customer_tiers', 'group_id', 'priority'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', true)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const rule = matchRoutingRule(
      rules.map((r) => ({ id: r.id, position: r.position, active: r.active, categoryKeys: r.category_keys, keywords: r.keywords, customerTiers: r.customer_tiers, groupId: r.group_id, priority: r.priority })),
      { categoryKey: input.categoryKey ?? category?.key ?? null, text: input.text, customerTier: input.customerTier },
    );
    if (rule) return { groupId: rule.groupId, priority: rule.priority, ruleId: rule.id };
    if (category?.default_group_id) return { groupId: category.default_group_id, priority: null, ruleId: null };
    return null;
  }

  async assign(tenantId: string, ticketId: string, now: Date): Promise<string | null> {
    return TenantScope.asTenant(tenantId, async () => {
      const assignment = await this.db.transaction().execute(async (trx) => {
        // Locked by another node (or by a transaction changing it): that one decides; we do not wait.
        const ticket = await selectWaiting(trx, tenantId).where('id', '=', ticketId).forUpdate().skipLocked().executeTakeFirst();
        if (!ticket || !isAssignable(ticket)) return null;
        const pool = await lockAssigneePool(trx, tenantId, ticket.group_id!);
        const member = pickLeastLoaded(pool);
        if (!member) return null;
        await this.applyAssignment(trx, tenantId, ticket, member, now);
        return { ticket, member };
      });
      if (!assignment) return null;
      this.emitAssigned(tenantId, assignment.ticket);
      return assignment.member.userId;
    });
  }

  /**
   * Checks that a ticket which became workable again (reopened by the customer) is held by someone
   * who can work it: its assignee must be on duty in the ticket's group and, with this ticket
   * counted, not above their limit. Otherwise it goes to the least-loaded other member on duty with
   * free capacity or, when nobody can take it, back to the group's queue (unassigned), where the
   * sweep gives it to the first member who frees a slot or comes on duty. Returns the assignee after
   * the check; `undefined` when the ticket was left as it was (held by another transaction, not
   * open, without a group).
   * @example
   * await dispatcher.reassignIfUnavailable(tenantId, ticketId, new Date()); // 'user-id', or null: it waits in the queue
   */
  async reassignIfUnavailable(tenantId: string, ticketId: string, now: Date): Promise<string | null | undefined> {
    return TenantScope.asTenant(tenantId, async () => {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const ticket = await selectWaiting(trx, tenantId).where('id', '=', ticketId).forUpdate().skipLocked().executeTakeFirst();
        if (!ticket || ticket.group_id === null || ticket.merged_into_id !== null || !(OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status)) return undefined;
        const pool = await lockAssigneePool(trx, tenantId, ticket.group_id);
        const current = ticket.assignee_id === null ? undefined : pool.find((m) => m.userId === ticket.assignee_id);
        // Their load already counts this ticket: at their limit with it is fine, above it is not.
        if (current && current.onDuty && current.load <= current.capacity) return { ticket, assigneeId: current.userId, changed: false };
        const reason = ticket.assignee_id === null ? null : !current ? 'assignee_not_in_group' : !current.onDuty ? 'assignee_off_duty' : 'assignee_at_capacity';
        const member = pickLeastLoaded(pool.filter((m) => m !== current));
        if (member) {
          await this.applyAssignment(trx, tenantId, ticket, member, now, { fromAssigneeId: ticket.assignee_id, reason });
          return { ticket, assigneeId: member.userId, changed: true };
        }
        if (ticket.assignee_id === null) return { ticket, assigneeId: null, changed: false };
        await trx.updateTable('tickets').set({ assignee_id: null, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', ticket.id).execute();
        await appendTicketEvent(trx, {
          tenantId,
          ticketId: ticket.id,
          type: 'assigned',
          actorType: 'system',
          data: { assigneeId: null, assigneeName: null, groupId: ticket.group_id, fromAssigneeId: ticket.assignee_id, reason },
          at: now,
        });
        return { ticket, assigneeId: null, changed: true };
      });
      if (!outcome) return undefined;
      if (outcome.changed) this.emitAssigned(tenantId, outcome.ticket);
      return outcome.assigneeId;
    });
  }

  /**
   * What an SLA warning does about who holds the ticket (the SLA scheduler calls it after the
   * warning committed). A ticket whose assignee went off duty is routed again as on a reopen. A
   * ticket whose assignee has other open work due before it — so, working earliest deadline first,
   * they reach it only after that — goes to the member on duty in its group with room who has the
   * least work due before it, when that is less than half the assignee's (a move must at least halve
   * the wait, or it is churn); among equals the least loaded. Otherwise it stays: the warning is the
   * assignee's to act on. The warning fires once per clock run, so a ticket moves at most once per warning.
   * @example
   * await dispatcher.relieveAtWarning(tenantId, ticketId, new Date()); // the assignee afterwards, or undefined: untouched
   */
  async relieveAtWarning(tenantId: string, ticketId: string, now: Date): Promise<string | null | undefined> {
    return TenantScope.asTenant(tenantId, async () => {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const ticket = await selectWaiting(trx, tenantId)
          .select(sql<Date | string | null>`least(first_response_due_at, next_response_due_at, resolution_due_at)`.as('due'))
          .where('id', '=', ticketId)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!ticket || ticket.group_id === null || ticket.assignee_id === null || ticket.merged_into_id !== null || !(WORKABLE_STATUSES as readonly string[]).includes(ticket.status) || ticket.due === null) return undefined;
        const pool = await lockAssigneePool(trx, tenantId, ticket.group_id);
        const current = pool.find((m) => m.userId === ticket.assignee_id);
        if (!current || !current.onDuty) {
          const member = pickLeastLoaded(pool.filter((m) => m !== current));
          if (!member) return undefined;
          await this.applyAssignment(trx, tenantId, ticket, member, now, { fromAssigneeId: ticket.assignee_id, reason: current ? 'assignee_off_duty' : 'assignee_not_in_group' });
          return { ticket, assigneeId: member.userId };
        }
        const ahead = await countDueBefore(trx, tenantId, pool.map((m) => m.userId), new Date(ticket.due), ticket.id);
        const waitOf = (m: PoolMember) => ahead.get(m.userId) ?? 0;
        const mine = waitOf(current);
        if (mine === 0) return undefined;
        const others = pool.filter((m) => m !== current && 2 * waitOf(m) < mine);
        const shortest = Math.min(...others.filter((m) => m.onDuty && m.load < m.capacity).map(waitOf));
        const member = pickLeastLoaded(others.filter((m) => waitOf(m) === shortest));
        if (!member) return undefined;
        await this.applyAssignment(trx, tenantId, ticket, member, now, { fromAssigneeId: ticket.assignee_id, reason: 'sla_warning_work_ahead' });
        return { ticket, assigneeId: member.userId };
      });
      if (!outcome) return undefined;
      this.emitAssigned(tenantId, outcome.ticket);
      return outcome.assigneeId;
    });
  }

  /**
   * Assigns up to `limit` waiting (unassigned, open) tickets of one group — the earliest SLA deadline
   * first, then P1 first, then the oldest — while members have free capacity, in one transaction.
   * Tickets another transaction holds are skipped for now. Returns the assignments made.
   */
  async assignWaiting(tenantId: string, groupId: string, now: Date, limit = 100): Promise<TicketAssignment[]> {
    return TenantScope.asTenant(tenantId, async () => {
      // Nothing waiting: no transaction and no member locks. A sweep after every freed slot mostly
      // finds its group's queue empty; a ticket that arrives right after this read is assigned by
      // its own `assign` call, or by the next sweep.
      const waiting = await this.db
        .selectFrom('tickets')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('group_id', '=', groupId)
        .where('assignee_id', 'is', null)
        .where('merged_into_id', 'is', null)
        .where('status', 'in', [...OPEN_TICKET_STATUSES])
        .limit(1)
        .executeTakeFirst();
      if (!waiting) return [];
      const made = await this.db.transaction().execute(async (trx) => {
        // Members first: while we hold them no other dispatcher can fill this group, so the free slots we count stay free.
        const pool = await lockAssigneePool(trx, tenantId, groupId);
        const free = pool.reduce((sum, m) => sum + (m.onDuty ? Math.max(0, m.capacity - m.load) : 0), 0);
        if (free === 0) return [];
        const tickets = await selectWaiting(trx, tenantId)
          .where('group_id', '=', groupId)
          .where('assignee_id', 'is', null)
          .where('merged_into_id', 'is', null)
          .where('status', 'in', [...OPEN_TICKET_STATUSES])
          // Earliest deadline first: the stored due times are the ones still able to pass (a paused
          // clock has none), so the ticket closest to breaching is offered first. By priority and age
          // alone, a morning's P3 backlog filed overnight would wait behind newer P2s until its
          // deadlines all passed at once; priority and age still order tickets with equal or no deadlines.
          .orderBy(sql`least(first_response_due_at, next_response_due_at, resolution_due_at) asc nulls last`)
          .orderBy('priority')
          .orderBy('created_at')
          .orderBy('id')
          .limit(Math.min(free, limit))
          .forUpdate()
          .skipLocked()
          .execute();
        const done: { ticket: WaitingTicket; member: PoolMember }[] = [];
        for (const ticket of tickets) {
          const member = pickLeastLoaded(pool);
          if (!member) break;
          await this.applyAssignment(trx, tenantId, ticket, member, now);
          done.push({ ticket, member });
        }
        return done;
      });
      for (const { ticket } of made) this.emitAssigned(tenantId, ticket);
      return made.map(({ ticket, member }) => ({ ticketId: ticket.id, assigneeId: member.userId, groupId }));
    });
  }

  private async applyAssignment(trx: Kysely<TicketDatabase>, tenantId: string, ticket: WaitingTicket, member: PoolMember, now: Date, moved?: { fromAssigneeId: string | null; reason: string | null }): Promise<void> {
    await trx.updateTable('tickets').set({ assignee_id: member.userId, updated_at: now }).where('tenant_id', '=', tenantId).where('id', '=', ticket.id).execute();
    await appendTicketEvent(trx, {
      tenantId,
      ticketId: ticket.id,
      type: 'assigned',
      actorType: 'system',
      data: { assigneeId: member.userId, assigneeName: member.name, groupId: ticket.group_id, ...(moved?.fromAssigneeId ? moved : {}) },
      at: now,
    });
    await markAssigned(trx, tenantId, member.userId, now);
    // The pool is reused within one transaction (assignWaiting): keep it true to what we just wrote.
    member.load += 1;
    member.lastAssignedAt = now;
  }

  private emitAssigned(tenantId: string, ticket: WaitingTicket): void {
    this.events.emit('ticket.changed', { tenantId, ticketId: ticket.id, visitorId: ticket.visitor_id, customerRef: ticket.customer_ref, eventType: 'assigned' });
  }

  private async findCategory(trx: Kysely<TicketDatabase>, tenantId: string, input: { categoryId: string | null; categoryKey: string | null }) {
    if (!input.categoryId && !input.categoryKey) return null;
    let query = trx.selectFrom('ticket_categories').select(['key', 'default_group_id']).where('tenant_id', '=', tenantId);
    query = input.categoryId ? query.where('id', '=', input.categoryId) : query.where('key', '=', input.categoryKey!);
    return (await query.executeTakeFirst()) ?? null;
  }
}

function selectWaiting(trx: Kysely<TicketDatabase>, tenantId: string) {
  return trx.selectFrom('tickets').select(['id', 'group_id', 'assignee_id', 'status', 'merged_into_id', 'visitor_id', 'customer_ref']).where('tenant_id', '=', tenantId);
}

/** The statuses in which a ticket is staff's to work now (pending_customer waits on the customer). */
const WORKABLE_STATUSES: readonly TicketStatus[] = ['new', 'open'];

/**
 * Per member, their workable tickets (other than `exceptId`) whose earliest stored deadline falls
 * before `before`: the work they will do first when they work earliest deadline first.
 */
async function countDueBefore(trx: Kysely<TicketDatabase>, tenantId: string, userIds: readonly string[], before: Date, exceptId: string): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('assignee_id', 'in', [...userIds])
    .where('status', 'in', [...WORKABLE_STATUSES])
    .where('id', '<>', exceptId)
    .where(sql<boolean>`least(first_response_due_at, next_response_due_at, resolution_due_at) < ${before}`)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

function isAssignable(ticket: WaitingTicket): boolean {
  return ticket.assignee_id === null && ticket.group_id !== null && ticket.merged_into_id === null && (OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status);
}
