/**
 * A second, independent computation of which SLA deadlines passed unmet, for the ticket benchmark.
 * It shares no code with `packages/server/src/tickets/sla/`: its own holiday table (typed in from the
 * State Council notice for 2026, 国办发明电〔2025〕7号), its own business-hours arithmetic on an explicit
 * list of open intervals, and its own reading of the clock rules of docs/design/tickets.md:
 *   - first response: from creation, met by the first public staff reply;
 *   - next response: from each customer reply after the first response, met by the next staff reply,
 *     superseded by a later customer reply, dropped when the ticket is resolved unanswered;
 *   - resolution: from creation, met on resolve, continues with what is left after a reopen;
 *   - waiting on the customer (`pending_customer`) stops every clock; resolved/closed stop resolution;
 *   - the warning is the moment 80 % of the budget is spent.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHINA_OFFSET = 8 * HOUR;

/** 2026 public holidays (days off) and 调休 working weekend days, from the State Council notice. */
const HOLIDAYS_2026: readonly [from: string, to: string][] = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const MAKEUP_WORKDAYS_2026 = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const HOLIDAY_DAYS = new Set(
  HOLIDAYS_2026.flatMap(([from, to]) => {
    const out: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) out.push(dayString(t));
    return out;
  }),
);

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

/** What kind of China day `day` (YYYY-MM-DD) is. */
export function dayKind(day: string): DayKind {
  if (MAKEUP_WORKDAYS_2026.has(day)) return 'makeup';
  if (HOLIDAY_DAYS.has(day)) return 'holiday';
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
}

/** Beijing day and minute-of-day of an instant. */
export function beijing(ms: number): { day: string; minuteOfDay: number; weekday: number } {
  const local = ms + CHINA_OFFSET;
  const day = dayString(local);
  return { day, minuteOfDay: Math.floor((local % DAY) / MINUTE), weekday: new Date(`${day}T00:00:00Z`).getUTCDay() };
}

export interface Interval {
  from: number;
  to: number;
}

/**
 * The open business intervals between two instants, from weekly windows ("HH:MM" pairs per weekday
 * 0–6) and the holiday table; a 调休 day works with Monday's windows.
 */
export class ReferenceCalendar {
  readonly open: Interval[] = [];

  constructor(weekly: Partial<Record<string, [string, string][]>>, fromMs: number, toMs: number) {
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    for (let d = Date.parse(`${dayString(fromMs + CHINA_OFFSET)}T00:00:00Z`) - DAY; d <= toMs + 2 * DAY; d += DAY) {
      const day = dayString(d);
      const kind = dayKind(day);
      if (kind === 'holiday' || kind === 'weekend') continue;
      const weekday = kind === 'makeup' ? 1 : new Date(d).getUTCDay();
      const midnight = d - CHINA_OFFSET;
      for (const [a, b] of weekly[String(weekday)] ?? []) this.open.push({ from: midnight + minutes(a) * MINUTE, to: midnight + minutes(b) * MINUTE });
    }
  }

  isOpen(ms: number): boolean {
    return this.open.some((i) => i.from <= ms && ms < i.to);
  }

  /**
   * The instant at which `budgetMs` of open time not inside `pauses` (sorted, disjoint; `to` may be
   * Infinity) has passed since `start`; null when the budget is not used up before an open-ended pause.
   */
  spend(start: number, budgetMs: number, pauses: readonly Interval[]): number | null {
    let left = budgetMs;
    for (const window of this.open) {
      if (window.to <= start) continue;
      let cursor = Math.max(window.from, start);
      for (const p of pauses) {
        if (p.to <= cursor || p.from >= window.to) continue;
        if (p.from > cursor) {
          const run = p.from - cursor;
          // Used up exactly as the clock stops (a reply or a resolution at the deadline): met on time.
          if (left < run) return cursor + left;
          left -= run;
        }
        cursor = Math.max(cursor, p.to);
        if (cursor >= window.to) break;
      }
      if (cursor < window.to) {
        const run = window.to - cursor;
        if (left <= run) return cursor + left;
        left -= run;
      }
      // An open-ended pause that began before the end of this window: the clock never runs again.
      if (pauses.some((p) => p.to === Infinity && p.from < window.to)) return null;
    }
    throw new Error('reference calendar too short for this deadline');
  }
}

export interface HistoryEvent {
  type: string;
  actorType: string;
  data: Record<string, unknown>;
  at: number;
}

export interface ReferenceDeadline {
  clock: 'first_response' | 'next_response' | 'resolution';
  /** Which run of the clock: 0, or the index of the customer reply that started a next-response clock. */
  episode: number;
  episodeStart: number;
  level: 'warning' | 'breach';
  /** When it happened (the warning point or the deadline). */
  at: number;
}

export interface PolicyTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

/** The stretches of time the ticket spent in one of `statuses`, from its status_changed events. */
function stretches(createdAt: number, events: readonly HistoryEvent[], statuses: ReadonlySet<string>): Interval[] {
  const out: Interval[] = [];
  let status = 'new';
  let since = createdAt;
  const close = (until: number) => {
    if (statuses.has(status) && until > since) {
      const last = out.at(-1);
      if (last && last.to === since) last.to = until;
      else out.push({ from: since, to: until });
    }
  };
  for (const e of events) {
    if (e.type !== 'status_changed' || typeof e.data.to !== 'string') continue;
    close(e.at);
    status = e.data.to;
    since = e.at;
  }
  close(Infinity);
  return out;
}

/**
 * Every warning and breach point that a ticket's clocks reached unmet, up to `until`, from its
 * history alone (events in order).
 */
export function referenceDeadlines(input: { createdAt: number; events: readonly HistoryEvent[]; targets: PolicyTargets; calendar: ReferenceCalendar; until: number }): ReferenceDeadline[] {
  const { createdAt, events, targets, calendar, until } = input;
  const out: ReferenceDeadline[] = [];
  const responsePauses = stretches(createdAt, events, new Set(['pending_customer']));
  const resolutionPauses = stretches(createdAt, events, new Set(['pending_customer', 'resolved', 'closed']));
  const staffReplies = events.filter((e) => e.type === 'reply' && e.actorType !== 'customer').map((e) => e.at);
  const stops = events.filter((e) => e.type === 'status_changed' && (e.data.to === 'resolved' || e.data.to === 'closed')).map((e) => e.at);
  const firstReply = staffReplies[0] ?? null;

  const check = (clock: ReferenceDeadline['clock'], episode: number, start: number, minutes: number, pauses: Interval[], endsAt: number) => {
    for (const level of ['warning', 'breach'] as const) {
      const budget = minutes * MINUTE * (level === 'warning' ? 0.8 : 1);
      const at = calendar.spend(start, budget, pauses);
      // Reached while the clock still ran: before it was met, superseded or dropped, and before the end of the run.
      if (at !== null && at < endsAt && at <= until) out.push({ clock, episode, episodeStart: start, level, at });
    }
  };

  if (targets.firstResponseMinutes !== null) {
    const droppedAt = firstReply === null ? (stops[0] ?? Infinity) : Infinity;
    check('first_response', 0, createdAt, targets.firstResponseMinutes, responsePauses, Math.min(firstReply ?? Infinity, droppedAt));
  }
  if (targets.nextResponseMinutes !== null && firstReply !== null) {
    const customerReplies = events.filter((e) => e.type === 'customer_reply' && e.at >= firstReply).map((e) => e.at);
    customerReplies.forEach((start, i) => {
      const superseded = customerReplies[i + 1] ?? Infinity;
      const answered = staffReplies.find((r) => r > start) ?? Infinity;
      const dropped = stops.find((s) => s >= start) ?? Infinity;
      check('next_response', i + 1, start, targets.nextResponseMinutes!, responsePauses, Math.min(superseded, answered, dropped));
    });
  }
  if (targets.resolutionMinutes !== null) check('resolution', 0, createdAt, targets.resolutionMinutes, resolutionPauses, Infinity);
  return out;
}
