import type { SlaClock, TicketActorType, TicketStatus } from '../ticket-schema.js';
import type { BusinessCalendar } from './business-calendar.js';

const MINUTE_MS = 60_000;
/** The share of a clock's budget after which its warning fires. */
export const SLA_WARNING_SHARE = 0.8;

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** The ticket events the clocks are derived from (status changes, customer and staff replies). */
export interface SlaHistoryEvent {
  type: string;
  actorType: TicketActorType;
  data: Record<string, unknown>;
  at: Date;
}

export interface SlaTicketFacts {
  status: TicketStatus;
  createdAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export type SlaClockState = 'running' | 'paused' | 'met' | 'breached' | 'met_late';

export interface ComputedSlaClock {
  clock: SlaClock;
  startAt: Date;
  /**
   * When this run of the clock started: the ticket's creation (first response, and resolution —
   * a reopen resumes it with what was left of its budget, so it is the same run), or the customer
   * reply that started next response. Alerts fire once per run, so a deadline moved by a pause
   * or a reopen does not warn again, while each new customer message gets its own alerts.
   */
  runStartAt: Date;
  /** For a paused clock: the deadline if it resumed now. Null only when the calendar never opens. */
  dueAt: Date | null;
  /** The 80 % point (same pause rules). */
  warnAt: Date | null;
  metAt: Date | null;
  state: SlaClockState;
  businessMinutesLeft: number | null;
}

interface Interval {
  from: number;
  to: number;
}

// Waiting on the customer stops every clock; a resolved or closed ticket also stops the
// resolution clock, so a reopened ticket continues with what was left of its budget.
const RESPONSE_PAUSES: ReadonlySet<TicketStatus> = new Set(['pending_customer']);
const RESOLUTION_PAUSES: ReadonlySet<TicketStatus> = new Set(['pending_customer', 'resolved', 'closed']);
const STOPPED: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

/**
 * The SLA clocks of a ticket, derived from its facts and history alone (no stored counters): the
 * pauses are the stretches the `status_changed` events (`data: { from, to }`) spent in a pausing
 * status. Pure; deadlines are business time on `calendar`.
 *
 * @example
 * computeSlaClocks({ ticket, events, targets: { firstResponseMinutes: 60, nextResponseMinutes: null, resolutionMinutes: 480 }, calendar, now });
 */
export function computeSlaClocks(input: {
  ticket: SlaTicketFacts;
  events: readonly SlaHistoryEvent[];
  targets: SlaTargets;
  calendar: BusinessCalendar;
  now: Date;
}): ComputedSlaClock[] {
  const { ticket, targets, calendar } = input;
  const now = input.now.getTime();
  const events = [...input.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const timeline = statusTimeline(ticket, events);
  const clocks: ComputedSlaClock[] = [];
  const stopped = STOPPED.has(ticket.status);

  if (targets.firstResponseMinutes !== null) {
    const metAt = ticket.firstRespondedAt;
    if (metAt || !stopped) clocks.push(clockOf('first_response', ticket.createdAt, ticket.createdAt, targets.firstResponseMinutes, metAt, pausesOf(timeline, RESPONSE_PAUSES), calendar, now));
  }

  if (targets.nextResponseMinutes !== null && ticket.firstRespondedAt) {
    const firstResponse = ticket.firstRespondedAt.getTime();
    // The customer's latest message after the first response, and the first staff reply after it.
    const lastCustomer = events.findLast((e) => e.type === 'customer_reply' && e.at.getTime() >= firstResponse);
    if (lastCustomer) {
      const answer = events.find((e) => e.type === 'reply' && e.actorType !== 'customer' && e.at.getTime() > lastCustomer.at.getTime());
      const metAt = answer?.at ?? null;
      if (metAt || !stopped) clocks.push(clockOf('next_response', lastCustomer.at, lastCustomer.at, targets.nextResponseMinutes, metAt, pausesOf(timeline, RESPONSE_PAUSES), calendar, now));
    }
  }

  if (targets.resolutionMinutes !== null) {
    const metAt = stopped ? (ticket.resolvedAt ?? ticket.closedAt ?? timeline.at(-1)!.from) : null;
    clocks.push(clockOf('resolution', ticket.createdAt, ticket.createdAt, targets.resolutionMinutes, metAt ? new Date(metAt) : null, pausesOf(timeline, RESOLUTION_PAUSES), calendar, now));
  }
  return clocks;
}

function clockOf(clock: SlaClock, startAt: Date, runStartAt: Date, minutes: number, metAt: Date | null, allPauses: Interval[], calendar: BusinessCalendar, now: number): ComputedSlaClock {
  const start = startAt.getTime();
  const budget = minutes * MINUTE_MS;
  if (metAt) {
    // A met clock's deadline is the one that stood when it was met: pauses after that do not move it.
    const met = metAt.getTime();
    const pauses = allPauses.filter((p) => p.from < met).map((p) => ({ from: p.from, to: Math.min(p.to, met) }));
    const due = walk(calendar, start, budget, pauses, now).due;
    const warn = walk(calendar, start, budget * SLA_WARNING_SHARE, pauses, now).due;
    return { clock, startAt, runStartAt, dueAt: toDate(due), warnAt: toDate(warn), metAt, state: due !== null && met > due ? 'met_late' : 'met', businessMinutesLeft: null };
  }
  const { due, paused } = walk(calendar, start, budget, allPauses, now);
  const warn = walk(calendar, start, budget * SLA_WARNING_SHARE, allPauses, now).due;
  const state: SlaClockState = paused ? 'paused' : due !== null && now >= due ? 'breached' : 'running';
  let left: number | null = null;
  if (due !== null) left = due >= now ? Math.floor(calendar.businessMsBetween(now, due) / MINUTE_MS) : -Math.ceil(calendar.businessMsBetween(due, now) / MINUTE_MS);
  return { clock, startAt, runStartAt, dueAt: toDate(due), warnAt: toDate(warn), metAt: null, state, businessMinutesLeft: left };
}

/**
 * Spends `budget` business ms from `start`, skipping the pauses. A pause still going on
 * (to = ∞) that the budget runs into makes the clock paused: its deadline is then the one it
 * would have if it resumed now.
 */
function walk(calendar: BusinessCalendar, start: number, budget: number, pauses: Interval[], now: number): { due: number | null; paused: boolean } {
  let cursor = start;
  let left = budget;
  for (const p of pauses) {
    if (p.to <= cursor) continue;
    if (p.from > cursor) {
      const available = calendar.businessMsBetween(cursor, p.from);
      // A pause that begins the instant the budget runs out stopped the clock in time, as a reply at
      // the deadline meets it: the deadline is where the clock next runs (at once, with nothing left).
      if (left < available) return { due: calendar.addBusinessMs(cursor, left), paused: false };
      left -= available;
    }
    if (p.to === Infinity) return { due: calendar.addBusinessMs(Math.max(now, cursor, p.from), left), paused: true };
    cursor = Math.max(cursor, p.to);
  }
  return { due: calendar.addBusinessMs(cursor, left), paused: false };
}

interface StatusSpan {
  status: TicketStatus;
  from: number;
  to: number;
}

/** The ticket's statuses over time: from creation, switched by each `status_changed` event. */
function statusTimeline(ticket: SlaTicketFacts, events: readonly SlaHistoryEvent[]): StatusSpan[] {
  const changes = events.filter((e) => e.type === 'status_changed' && typeof e.data.to === 'string');
  const first = changes[0]?.data.from;
  const spans: StatusSpan[] = [{ status: typeof first === 'string' ? (first as TicketStatus) : changes.length ? 'new' : ticket.status, from: ticket.createdAt.getTime(), to: Infinity }];
  for (const change of changes) {
    const at = Math.max(change.at.getTime(), ticket.createdAt.getTime());
    spans.at(-1)!.to = at;
    spans.push({ status: change.data.to as TicketStatus, from: at, to: Infinity });
  }
  return spans.filter((s) => s.to > s.from || s.to === Infinity);
}

/** The merged stretches spent in one of `statuses`. */
function pausesOf(timeline: readonly StatusSpan[], statuses: ReadonlySet<TicketStatus>): Interval[] {
  const pauses: Interval[] = [];
  for (const span of timeline) {
    if (!statuses.has(span.status)) continue;
    const last = pauses.at(-1);
    if (last && last.to === span.from) last.to = span.to;
    else pauses.push({ from: span.from, to: span.to });
  }
  return pauses;
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
