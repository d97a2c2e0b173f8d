/**
 * Where a simulated month's SLA breaches fall and why, from the product's own event history: which
 * clock broke, on which kind of day and at which hour its deadline fell, for which category, and —
 * for first responses — where the ticket stood at its deadline (still in triage, waiting in its
 * group's queue with nobody assigned, or assigned to someone who had not reached it yet).
 * Read-only over the events; used by bench/tickets.ts for the results file.
 */
import { beijing, dayKind, type DayKind } from './reference-sla.js';

const MINUTE = 60_000;

export interface BreakdownEvent {
  type: string;
  actorType: string;
  data: Record<string, unknown>;
  at: number;
}

export interface BreakdownTicket {
  id: string;
  categoryKey: string | null;
  createdAt: number;
  /** The ticket's events in order (created, routed, assigned, reply, status_changed, sla_breach, escalated, group_changed, reopened…). */
  events: readonly BreakdownEvent[];
}

type Clock = 'first_response' | 'next_response' | 'resolution';
const CLOCKS: readonly Clock[] = ['first_response', 'next_response', 'resolution'];

/** When a ticket arrived, as the desk sees it. */
export type ArrivalSlot = 'working hours' | 'evening/night before a working day' | 'weekend or holiday';

export function arrivalSlot(ms: number, isOpen: (ms: number) => boolean): ArrivalSlot {
  if (isOpen(ms)) return 'working hours';
  const kind = dayKind(beijing(ms).day);
  const { minuteOfDay } = beijing(ms);
  // The evening of a working day, or the small hours of one (before 09:00): the desk meets it the next morning.
  const workingDay = (k: DayKind) => k === 'workday' || k === 'makeup';
  if (workingDay(kind)) return 'evening/night before a working day';
  // A weekend/holiday evening before a working day also waits only for the next morning.
  const next = dayKind(beijing(ms + 24 * 60 * MINUTE).day);
  return minuteOfDay >= 18 * 60 && workingDay(next) ? 'evening/night before a working day' : 'weekend or holiday';
}

/** Where a ticket stood when its first-response deadline passed. */
export type FirstResponseState = 'in triage (no group)' | 'in its group, unassigned' | 'assigned, not yet answered';

export function firstResponseState(events: readonly BreakdownEvent[], at: number): FirstResponseState {
  let group = false;
  let assignee = false;
  for (const e of events) {
    if (e.at > at) break;
    if (e.type === 'routed' || e.type === 'group_changed') {
      group = true;
      // A group change without an assignee in the same breath hands the ticket back to the queue.
      assignee = false;
    }
    if (e.type === 'escalated') assignee = false;
    if (e.type === 'assigned') assignee = true;
  }
  return assignee ? 'assigned, not yet answered' : group ? 'in its group, unassigned' : 'in triage (no group)';
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
const minutes = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms / MINUTE)} min` : '—');

/**
 * Markdown for the results file. `firstResponseMinutes` is the target of a category (the first
 * matching policy); `isOpen` the business calendar.
 */
export function breachBreakdown(tickets: readonly BreakdownTicket[], opts: { isOpen: (ms: number) => boolean; firstResponseMinutes: (categoryKey: string | null) => number | null }): string[] {
  const breaches: { ticket: BreakdownTicket; clock: Clock; at: number; due: number }[] = [];
  for (const t of tickets) {
    for (const e of t.events) if (e.type === 'sla_breach') breaches.push({ ticket: t, clock: String(e.data.clock) as Clock, at: e.at, due: Date.parse(String(e.data.dueAt)) });
  }
  const out: string[] = ['### Where the breaches fall, and why', ''];
  if (breaches.length === 0) return [...out, 'No breaches.', ''];

  // 1. The hour (Beijing) at which each clock's deadline passed, over the kinds of day.
  const hours = [...new Set(breaches.map((b) => Math.floor(beijing(b.due).minuteOfDay / 60)))].sort((a, b) => a - b);
  out.push('Breaches by the hour (Beijing) their deadline passed — deadlines only fall in business hours, since the clocks stop outside them:', '');
  out.push(`| clock | ${hours.map((h) => `${String(h).padStart(2, '0')}:00`).join(' | ')} | all |`, `|---|${hours.map(() => '---|').join('')}---|`);
  for (const clock of CLOCKS) {
    const mine = breaches.filter((b) => b.clock === clock);
    out.push(`| ${clock} | ${hours.map((h) => mine.filter((b) => Math.floor(beijing(b.due).minuteOfDay / 60) === h).length).join(' | ')} | ${mine.length} |`);
  }
  out.push('');

  // 1b. The day each deadline passed (first responses pile up on the mornings after closures).
  const days = [...new Set(breaches.map((b) => beijing(b.due).day))].sort();
  out.push('Breaches by the day (Beijing) their deadline passed, with the tickets filed that day:', '');
  out.push('| day | kind | filed | first_response | next_response | resolution |', '|---|---|---|---|---|---|');
  for (const day of days) {
    const mine = breaches.filter((b) => beijing(b.due).day === day);
    const filed = tickets.filter((t) => beijing(t.createdAt).day === day).length;
    out.push(`| ${day} | ${dayKind(day)} | ${filed} | ${CLOCKS.map((c) => mine.filter((b) => b.clock === c).length).join(' | ')} |`);
  }
  out.push('');

  // 2. First responses by arrival slot and category: how many tickets, how many breached, where they stood.
  const first = breaches.filter((b) => b.clock === 'first_response');
  const firstOf = new Map(first.map((b) => [b.ticket.id, b]));
  const slots: ArrivalSlot[] = ['working hours', 'evening/night before a working day', 'weekend or holiday'];
  const states: FirstResponseState[] = ['in triage (no group)', 'in its group, unassigned', 'assigned, not yet answered'];
  const row = (name: string, group: readonly BreakdownTicket[]) => {
    const hit = group.filter((t) => firstOf.has(t.id));
    const byState = states.map((s) => hit.filter((t) => firstResponseState(t.events, firstOf.get(t.id)!.due) === s).length);
    // How long a ticket that breached waited, in wall time from creation, for its assignment and its first reply.
    const waitAssign = hit.map((t) => (t.events.find((e) => e.type === 'assigned')?.at ?? NaN) - t.createdAt).filter(Number.isFinite);
    const waitReply = hit.map((t) => (t.events.find((e) => e.type === 'reply' && e.actorType !== 'customer')?.at ?? NaN) - t.createdAt).filter(Number.isFinite);
    return `| ${name} | ${group.length} | ${hit.length} (${pct(hit.length, group.length)}) | ${byState.join(' / ')} | ${minutes(median(waitAssign))} | ${minutes(median(waitReply))} |`;
  };
  out.push(
    'First-response breaches by when the ticket arrived and by category. At the deadline the ticket was in triage / in its group with nobody assigned (every member on duty at their open-ticket limit, or nobody on duty) / assigned to an agent who had not reached it. Waits are wall time from creation (nights and weekends included) for the breached tickets.',
    '',
    '| tickets | filed | first response breached | at the deadline: triage / unassigned / assigned | median wait to assignment | median wait to first reply |',
    '|---|---|---|---|---|---|',
  );
  for (const slot of slots) out.push(row(slot, tickets.filter((t) => arrivalSlot(t.createdAt, opts.isOpen) === slot)));
  out.push(row('**all**', tickets));
  const keys = [...new Set(tickets.map((t) => t.categoryKey))].sort((a, b) => String(a).localeCompare(String(b)));
  for (const key of keys) {
    const target = opts.firstResponseMinutes(key);
    out.push(row(`${key ?? 'no category'} (${target ?? '—'} min)`, tickets.filter((t) => t.categoryKey === key)));
  }
  out.push('');

  // 3. Resolution breaches: reopened before the breach (the budget continues from what was left) or not; escalations.
  const resolution = breaches.filter((b) => b.clock === 'resolution');
  const reopened = resolution.filter((b) => b.ticket.events.some((e) => e.type === 'reopened' && e.at <= b.at)).length;
  const escalations = tickets.reduce((n, t) => n + t.events.filter((e) => e.type === 'escalated').length, 0);
  // Routing's own moves of an assigned ticket (a warning with work ahead of it, an assignee off duty at a warning or a reopen).
  const moves = new Map<string, number>();
  for (const t of tickets) for (const e of t.events) if (e.type === 'assigned' && typeof e.data.reason === 'string') moves.set(e.data.reason, (moves.get(e.data.reason) ?? 0) + 1);
  out.push(
    `Resolution breaches: ${resolution.length}, of which ${reopened} (${pct(reopened, resolution.length)}) on a ticket the customer had reopened before (a reopen continues the resolution budget that was left). Next-response breaches: ${breaches.filter((b) => b.clock === 'next_response').length}. Escalations to another group on a breach: ${escalations}. Tickets moved by routing from their assignee: ${moves.size === 0 ? 'none' : [...moves].map(([reason, n]) => `${n} (${reason})`).join(', ')}.`,
    '',
  );
  return out;
}
