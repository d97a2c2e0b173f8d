import { sql, type Kysely } from 'kysely';
import type { SlaClockDto } from '../ticket-dto.js';
import { appendTicketEvent } from '../ticket-event-log.js';
import type { TicketSlaPort } from '../ticket-ports.js';
import type { SlaAlertLevel, SlaClock, SlaPolicyRow, TicketActorType, TicketDatabase, TicketRow } from '../ticket-schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import { SlaCalendarCache, type CalendarVersion } from './sla-calendar-cache.js';
import { computeSlaClocks, type ComputedSlaClock } from './sla-deadlines.js';
import { expectationText, OVERDUE_EXPECTATION } from './sla-expectation-text.js';
import { matchSlaPolicy } from './sla-policy-matcher.js';

/** A resolved ticket without a reply is closed this long after resolution. */
export const AUTO_CLOSE_AFTER_MS = 7 * 86_400_000;

/** A ticket's SLA as of `now`: the policy that applies, its clocks, and the alerts already fired. */
export interface SlaEvaluation {
  policy: SlaPolicyRow | null;
  clocks: ComputedSlaClock[];
  /** Keys `clock:level:runStartMs` of the rows in ticket_sla_alerts (one alert of each level per clock run). */
  fired: Set<string>;
}

export function alertKey(clock: SlaClock, level: SlaAlertLevel, runStartAt: Date): string {
  return `${clock}:${level}:${runStartAt.getTime()}`;
}

/** A clock that can still warn or breach: counting now (on time or late), not paused, not met. */
export function isLive(clock: ComputedSlaClock): clock is ComputedSlaClock & { dueAt: Date; warnAt: Date } {
  return (clock.state === 'running' || clock.state === 'breached') && clock.dueAt !== null && clock.warnAt !== null;
}

/**
 * The SLA clocks of tickets on the business calendar (TicketSlaPort). Everything is derived
 * from the ticket row, its event history and the alert rows, so a recompute after any change —
 * a reply, a status change, a policy edit — gives the same answer on every node.
 *
 * @example
 * const sla = new TicketSlaClock();
 * await sla.recompute(trx, lockedTicket, new Date()); // writes *_due_at, escalation_at, breached
 */
export class TicketSlaClock implements TicketSlaPort {
  constructor(private readonly calendars = new SlaCalendarCache()) {}

  /** Forget a tenant's cached calendars (after a calendar edit on this node). */
  invalidate(tenantId: string): void {
    this.calendars.invalidate(tenantId);
  }

  async evaluate(db: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<SlaEvaluation> {
    const tenantId = ticket.tenant_id;
    // Everything the evaluation reads, in one statement: it runs inside every ticket write and every
    // scheduler claim, where six separate reads were most of the write's round trips.
    const { rows } = await sql<{
      policies: SlaPolicyRow[] | null;
      category_key: string | null;
      group_calendar_id: string | null;
      calendars: CalendarVersion[] | null;
      events: { type: string; actor_type: TicketActorType; data: unknown; created_at: string }[] | null;
      alerts: { clock: SlaClock; level: SlaAlertLevel; run_started_at: string }[] | null;
    }>`select
        (select json_agg(p) from sla_policies p where p.tenant_id = ${tenantId} and p.active) as policies,
        (select c.key from ticket_categories c where c.tenant_id = ${tenantId} and c.id = ${ticket.category_id}) as category_key,
        (select g.calendar_id from agent_groups g where g.tenant_id = ${tenantId} and g.id = ${ticket.group_id}) as group_calendar_id,
        (select json_agg(json_build_object('id', b.id, 'is_default', b.is_default, 'updated_at', b.updated_at)) from business_calendars b where b.tenant_id = ${tenantId}) as calendars,
        (select json_agg(json_build_object('type', e.type, 'actor_type', e.actor_type, 'data', e.data, 'created_at', e.created_at) order by e.seq)
           from ticket_events e where e.tenant_id = ${tenantId} and e.ticket_id = ${ticket.id} and e.type in (${sql.join(SLA_EVENT_TYPES)})) as events,
        (select json_agg(json_build_object('clock', a.clock, 'level', a.level, 'run_started_at', a.run_started_at))
           from ticket_sla_alerts a where a.tenant_id = ${tenantId} and a.ticket_id = ${ticket.id}) as alerts`.execute(db);
    const read = rows[0]!;
    const fired = new Set((read.alerts ?? []).map((a) => alertKey(a.clock, a.level, new Date(a.run_started_at))));
    const policy = matchSlaPolicy(read.policies ?? [], { priority: ticket.priority, categoryKey: read.category_key });
    if (!policy) return { policy: null, clocks: [], fired };
    const calendar = await this.calendars.get(db, tenantId, policy.calendar_id ?? read.group_calendar_id, read.calendars ?? []);
    return { policy, clocks: clocksOf(ticket, read.events ?? [], policy, calendar, now), fired };
  }

  /**
   * The clocks of a page of one tenant's tickets in one statement (policies, the page's categories
   * and groups, calendar versions, the open tickets' clock events), whatever the page size; the same
   * answer as `clocks` for each open ticket, none for a resolved or closed one. Keyed by ticket id.
   */
  async clocksForPage(db: Kysely<TicketDatabase>, tenantId: string, tickets: readonly TicketRow[], now: Date): Promise<Map<string, SlaClockDto[]>> {
    const out = new Map<string, SlaClockDto[]>();
    // A page is mostly resolved and closed tickets; for them the queue shows no clock (every clock
    // of theirs is met), so neither their history nor calendar arithmetic is needed.
    const live = tickets.filter((t) => {
      if (t.status === 'resolved' || t.status === 'closed') {
        out.set(t.id, []);
        return false;
      }
      return true;
    });
    if (live.length === 0) return out;
    const ids = live.map((t) => t.id);
    const categoryIds = [...new Set(live.flatMap((t) => (t.category_id ? [t.category_id] : [])))];
    const groupIds = [...new Set(live.flatMap((t) => (t.group_id ? [t.group_id] : [])))];
    const none = sql`(null::uuid)`;
    // One round trip instead of five parallel ones: on a loaded database each statement waits for a
    // backend to be scheduled, and the page waits for the slowest of them.
    const { rows } = await sql<{
      policies: SlaPolicyRow[] | null;
      categories: { id: string; key: string }[] | null;
      groups: { id: string; calendar_id: string | null }[] | null;
      calendars: CalendarVersion[] | null;
      events: { ticket_id: string; type: string; actor_type: TicketActorType; data: unknown; created_at: string }[] | null;
    }>`select
        (select json_agg(p) from sla_policies p where p.tenant_id = ${tenantId} and p.active) as policies,
        (select json_agg(json_build_object('id', c.id, 'key', c.key)) from ticket_categories c where c.tenant_id = ${tenantId} and c.id in ${categoryIds.length ? sql`(${sql.join(categoryIds)})` : none}) as categories,
        (select json_agg(json_build_object('id', g.id, 'calendar_id', g.calendar_id)) from agent_groups g where g.tenant_id = ${tenantId} and g.id in ${groupIds.length ? sql`(${sql.join(groupIds)})` : none}) as groups,
        (select json_agg(json_build_object('id', b.id, 'is_default', b.is_default, 'updated_at', b.updated_at)) from business_calendars b where b.tenant_id = ${tenantId}) as calendars,
        (select json_agg(json_build_object('ticket_id', e.ticket_id, 'type', e.type, 'actor_type', e.actor_type, 'data', e.data, 'created_at', e.created_at) order by e.ticket_id, e.seq)
           from ticket_events e where e.tenant_id = ${tenantId} and e.ticket_id in (${sql.join(ids)}) and e.type in (${sql.join(SLA_EVENT_TYPES)})) as events`.execute(db);
    const read = rows[0]!;
    const keyOf = new Map((read.categories ?? []).map((c) => [c.id, c.key]));
    const groupCalendar = new Map((read.groups ?? []).map((g) => [g.id, g.calendar_id]));
    const eventsOf = new Map<string, NonNullable<typeof read.events>>();
    for (const e of read.events ?? []) {
      const list = eventsOf.get(e.ticket_id);
      if (list) list.push(e);
      else eventsOf.set(e.ticket_id, [e]);
    }
    // Calendars come from the cache when their version is unchanged (a query only after an edit).
    const calendars = new Map<string | null, BusinessCalendar>();
    const calendarFor = async (calendarId: string | null) => {
      let calendar = calendars.get(calendarId);
      if (!calendar) calendars.set(calendarId, (calendar = await this.calendars.get(db, tenantId, calendarId, read.calendars ?? [])));
      return calendar;
    };
    for (const ticket of live) {
      const policy = matchSlaPolicy(read.policies ?? [], { priority: ticket.priority, categoryKey: (ticket.category_id && keyOf.get(ticket.category_id)) || null });
      if (!policy) {
        out.set(ticket.id, []);
        continue;
      }
      const calendar = await calendarFor(policy.calendar_id ?? (ticket.group_id ? (groupCalendar.get(ticket.group_id) ?? null) : null));
      out.set(ticket.id, toDtos(clocksOf(ticket, eventsOf.get(ticket.id) ?? [], policy, calendar, now)));
    }
    return out;
  }

  /**
   * Writes the ticket's stored deadlines, `escalation_at` and `breached` from its evaluation. A caller
   * that has just evaluated the ticket in this transaction and changed nothing the evaluation reads
   * (priority, category, group, status history) may pass that evaluation, with the alerts it added
   * in `fired`, instead of paying for a second read.
   */
  async recompute(trx: Kysely<TicketDatabase>, ticket: TicketRow, now: Date, known?: SlaEvaluation): Promise<TicketRow> {
    const { policy, clocks, fired } = known ?? (await this.evaluate(trx, ticket, now));
    // Stored deadlines are the ones that can still pass: a paused clock has none until it resumes.
    const dueOf = (name: SlaClock) => {
      const c = clocks.find((x) => x.clock === name);
      if (!c || c.state === 'paused') return null;
      if (name === 'next_response' && c.metAt) return null;
      return c.dueAt;
    };
    const due = { first: dueOf('first_response'), next: dueOf('next_response'), resolution: dueOf('resolution') };
    const breached = clocks.some((c) => c.state === 'breached' || c.state === 'met_late' || fired.has(alertKey(c.clock, 'breach', c.runStartAt)));
    const escalation = escalationAt(ticket, clocks, fired);
    const changed =
      (policy?.id ?? null) !== ticket.sla_policy_id ||
      !sameInstant(due.first, ticket.first_response_due_at) ||
      !sameInstant(due.next, ticket.next_response_due_at) ||
      !sameInstant(due.resolution, ticket.resolution_due_at);
    // Most changes (a reply, a note, a customer's message) move no deadline: an UPDATE that writes
    // the same values would still leave a dead row version behind on PostgreSQL, for every write.
    let after = ticket;
    if (changed || !sameInstant(escalation, ticket.escalation_at) || breached !== ticket.breached) {
      after = await trx
        .updateTable('tickets')
        .set({ sla_policy_id: policy?.id ?? null, first_response_due_at: due.first, next_response_due_at: due.next, resolution_due_at: due.resolution, escalation_at: escalation, breached })
        .where('tenant_id', '=', ticket.tenant_id)
        .where('id', '=', ticket.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (changed) {
      await appendTicketEvent(trx, {
        tenantId: ticket.tenant_id,
        ticketId: ticket.id,
        type: 'sla_applied',
        actorType: 'system',
        data: {
          policyId: policy?.id ?? null,
          policyName: policy?.name ?? null,
          firstResponseDueAt: due.first?.toISOString() ?? null,
          nextResponseDueAt: due.next?.toISOString() ?? null,
          resolutionDueAt: due.resolution?.toISOString() ?? null,
        },
        at: now,
      });
    }
    return after;
  }

  async clocks(db: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<SlaClockDto[]> {
    return toDtos((await this.evaluate(db, ticket, now)).clocks);
  }

  async expectation(db: Kysely<TicketDatabase>, ticket: TicketRow, now: Date): Promise<string | null> {
    if (ticket.status === 'resolved' || ticket.status === 'closed') return null;
    const live = (await this.evaluate(db, ticket, now)).clocks.filter(isLive);
    if (live.length === 0) return null;
    const upcoming = live.filter((c) => c.dueAt.getTime() > now.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return upcoming.length > 0 ? expectationText(upcoming[0]!.dueAt, now) : OVERDUE_EXPECTATION;
  }
}

const SLA_EVENT_TYPES = ['status_changed', 'customer_reply', 'reply'];

function clocksOf(
  ticket: TicketRow,
  events: readonly { type: string; actor_type: TicketActorType; data: unknown; created_at: Date | string }[],
  policy: SlaPolicyRow,
  calendar: BusinessCalendar,
  now: Date,
): ComputedSlaClock[] {
  return computeSlaClocks({
    ticket: { status: ticket.status, createdAt: new Date(ticket.created_at), firstRespondedAt: dateOrNull(ticket.first_responded_at), resolvedAt: dateOrNull(ticket.resolved_at), closedAt: dateOrNull(ticket.closed_at) },
    events: events.map((e) => ({ type: e.type, actorType: e.actor_type, data: (e.data ?? {}) as Record<string, unknown>, at: new Date(e.created_at) })),
    targets: { firstResponseMinutes: policy.first_response_minutes, nextResponseMinutes: policy.next_response_minutes, resolutionMinutes: policy.resolution_minutes },
    calendar,
    now,
  });
}

function toDtos(clocks: ComputedSlaClock[]): SlaClockDto[] {
  return clocks
    .filter((c): c is ComputedSlaClock & { dueAt: Date } => c.dueAt !== null)
    .map((c) => ({ clock: c.clock, dueAt: c.dueAt.toISOString(), metAt: c.metAt?.toISOString() ?? null, state: c.state, businessMinutesLeft: c.businessMinutesLeft }));
}

/**
 * The one moment the scheduler must look at the ticket next: each live clock's warning point
 * until this run's warning fired, then its deadline until this run's breach fired; a resolved ticket's
 * auto-close time; null for a closed ticket or when nothing is left to fire.
 */
function escalationAt(ticket: TicketRow, clocks: ComputedSlaClock[], fired: Set<string>): Date | null {
  // A merged ticket is closed for good: nothing of it may warn, breach or auto-close.
  if (ticket.status === 'closed' || ticket.merged_into_id) return null;
  if (ticket.status === 'resolved') return new Date((dateOrNull(ticket.resolved_at) ?? new Date(ticket.updated_at)).getTime() + AUTO_CLOSE_AFTER_MS);
  let earliest: Date | null = null;
  for (const c of clocks.filter(isLive)) {
    const next = !fired.has(alertKey(c.clock, 'warning', c.runStartAt)) ? c.warnAt : !fired.has(alertKey(c.clock, 'breach', c.runStartAt)) ? c.dueAt : null;
    if (next && (!earliest || next < earliest)) earliest = next;
  }
  return earliest;
}

function dateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

function sameInstant(a: Date | null, b: Date | string | null): boolean {
  if (a === null || b === null) return a === b;
  return a.getTime() === new Date(b).getTime();
}
