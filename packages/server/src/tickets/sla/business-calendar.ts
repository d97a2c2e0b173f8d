import { chinaWorkCalendar, type ChinaWorkCalendar } from '@zhida/china-calendar';
import type { BusinessCalendarRow, CalendarClosure, WeeklyHours, WorkingWindows } from '../ticket-schema.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Asia/Shanghai has had no daylight saving since 1991: a fixed offset is exact.
const CHINA_OFFSET_MS = 8 * 3_600_000;
// How far arithmetic looks for an opening before it concludes the calendar never opens (closures can be long).
const MAX_SEARCH_DAYS = 3 * 366;

/** Why a day is open or closed, as the year view shows it. */
export type CalendarDayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday' | 'closure';

export interface CalendarDay {
  /** China calendar day `YYYY-MM-DD`. */
  day: string;
  open: boolean;
  windows: WorkingWindows;
  reason: CalendarDayReason;
  /** The holiday, the holiday a 调休 day makes up for, or the closure's name. */
  name?: string;
}

/** What a business calendar is made of (a `business_calendars` row without its bookkeeping). */
export interface BusinessCalendarSpec {
  weeklyHours: WeeklyHours;
  followChinaHolidays: boolean;
  closures: CalendarClosure[];
}

const STANDARD_DAY: WorkingWindows = [['09:00', '12:00'], ['13:30', '18:00']];

/** What a tenant without a calendar of its own works by: Monday–Friday 09:00–12:00 and 13:30–18:00, China holidays followed. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendarSpec = {
  weeklyHours: { '1': STANDARD_DAY, '2': STANDARD_DAY, '3': STANDARD_DAY, '4': STANDARD_DAY, '5': STANDARD_DAY },
  followChinaHolidays: true,
  closures: [],
};

/** `"HH:MM"` → minutes after midnight; `"24:00"` is the end of the day. Null when malformed. */
export function parseClockTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || minutes > 24 * 60) return null;
  return minutes;
}

/** The China calendar day (`YYYY-MM-DD`) an instant falls on. */
export function chinaDayOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China day starts (00:00 Beijing time). */
export function chinaMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/**
 * A tenant's business hours on the China calendar: weekly windows (several a day, so a lunch
 * break is two windows), China's public holidays closed and its 调休 weekend days open with the
 * windows of the first open weekday, and the tenant's own closures. Pure: SLA deadlines are
 * arithmetic on it. Times are instants; days are China days (fixed UTC+8).
 *
 * @example
 * const cal = new BusinessCalendar({ weeklyHours: { '1': [['09:00', '18:00']] }, followChinaHolidays: true, closures: [] });
 * cal.addBusinessMinutes(new Date('2026-12-07T09:00:00+08:00'), 90); // 2026-12-07 10:30 Beijing
 */
export class BusinessCalendar {
  private readonly weekly: Map<number, [number, number][]>;
  private readonly makeupWindows: [number, number][];
  private readonly dayCache = new Map<string, CalendarDay>();
  // The open windows of a day as instants, by day number (China days since 1970-01-01): the SLA
  // arithmetic walks days in this form, with no date strings on the way.
  private readonly instantCache = new Map<number, readonly (readonly [number, number])[]>();

  constructor(
    private readonly spec: BusinessCalendarSpec,
    private readonly china: ChinaWorkCalendar = chinaWorkCalendar,
  ) {
    this.weekly = new Map();
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const windows = spec.weeklyHours[String(weekday) as keyof WeeklyHours] ?? [];
      this.weekly.set(weekday, windows.map(([from, to]) => [parseClockTime(from) ?? 0, parseClockTime(to) ?? 0] as [number, number]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]));
    }
    // A 调休 Saturday is "worked like a normal weekday": Monday's hours, or the first weekday that has any.
    const firstOpen = [1, 2, 3, 4, 5].find((d) => this.weekly.get(d)!.length > 0);
    this.makeupWindows = firstOpen === undefined ? [] : this.weekly.get(firstOpen)!;
  }

  static fromRow(row: Pick<BusinessCalendarRow, 'weekly_hours' | 'follow_china_holidays' | 'closures'>): BusinessCalendar {
    return new BusinessCalendar({ weeklyHours: row.weekly_hours, followChinaHolidays: row.follow_china_holidays, closures: row.closures ?? [] });
  }

  /** The day's status, windows and the reason for it. */
  dayInfo(day: string): CalendarDay {
    const cached = this.dayCache.get(day);
    if (cached) return cached;
    const info = this.computeDay(day);
    this.dayCache.set(day, info);
    return info;
  }

  /** The `"HH:MM"` windows the day is open in (empty when closed). */
  windowsOn(day: string): WorkingWindows {
    return this.dayInfo(day).windows;
  }

  isOpenAt(instant: Date): boolean {
    const day = chinaDayOf(instant);
    const minute = (instant.getTime() - chinaMidnight(day)) / MINUTE_MS;
    return this.minuteWindows(day).some(([a, b]) => minute >= a && minute < b);
  }

  /** `instant` itself when open, else the start of the next window; null when nothing opens within three years. */
  nextOpening(instant: Date): Date | null {
    const t = instant.getTime();
    const first = dayNumberOf(t);
    for (let day = first; day < first + MAX_SEARCH_DAYS; day += 1) {
      for (const [start, end] of this.instantWindows(day)) {
        if (end <= t) continue;
        return new Date(Math.max(start, t));
      }
    }
    return null;
  }

  /**
   * The instant `minutes` business minutes after `start` (a start outside hours counts from the
   * next opening). A budget that ends exactly at a window's end gives that end (18:00, not the
   * next morning). Null when the calendar does not open within three years.
   */
  addBusinessMinutes(start: Date, minutes: number): Date | null {
    const at = this.addBusinessMs(start.getTime(), minutes * MINUTE_MS);
    return at === null ? null : new Date(at);
  }

  /** Business minutes in [a, b) (0 when b ≤ a), fractional when the ends are not on whole minutes. */
  businessMinutesBetween(a: Date, b: Date): number {
    return this.businessMsBetween(a.getTime(), b.getTime()) / MINUTE_MS;
  }

  /** Every day of `year` with its status, for the console's year view. */
  yearView(year: number): CalendarDay[] {
    const days: CalendarDay[] = [];
    for (let day = `${year}-01-01`; day.startsWith(`${year}-`); day = shiftDay(day, 1)) days.push(this.dayInfo(day));
    return days;
  }

  /** Millisecond form of addBusinessMinutes, for the SLA clock's pause arithmetic. */
  addBusinessMs(startMs: number, budgetMs: number): number | null {
    let left = Math.max(0, budgetMs);
    const first = dayNumberOf(startMs);
    for (let day = first; day < first + MAX_SEARCH_DAYS; day += 1) {
      for (const [winStart, winEnd] of this.instantWindows(day)) {
        if (winEnd <= startMs) continue;
        const from = Math.max(winStart, startMs);
        if (left <= winEnd - from) return from + left;
        left -= winEnd - from;
      }
    }
    return null;
  }

  /** Millisecond form of businessMinutesBetween. */
  businessMsBetween(aMs: number, bMs: number): number {
    if (bMs <= aMs) return 0;
    let total = 0;
    for (let day = dayNumberOf(aMs); day * DAY_MS - CHINA_OFFSET_MS < bMs; day += 1) {
      for (const [winStart, winEnd] of this.instantWindows(day)) {
        const from = Math.max(winStart, aMs);
        const to = Math.min(winEnd, bMs);
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  private computeDay(day: string): CalendarDay {
    const weekday = weekdayOf(day);
    const base: CalendarDayReason = weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
    const closure = this.spec.closures.find((c) => c.from <= day && day <= c.to);
    if (closure) return { day, open: false, windows: [], reason: 'closure', name: closure.name };
    if (this.spec.followChinaHolidays) {
      const holiday = this.china.holidayName(day);
      if (holiday) return { day, open: false, windows: [], reason: 'holiday', name: holiday };
      const makeup = this.china.makeupFor(day);
      if (makeup) return this.withWindows(day, this.makeupWindows, 'makeup_workday', makeup);
    }
    return this.withWindows(day, this.weekly.get(weekday)!, base);
  }

  private withWindows(day: string, windows: [number, number][], reason: CalendarDayReason, name?: string): CalendarDay {
    const text = windows.map(([a, b]) => [formatClock(a), formatClock(b)] as [string, string]);
    return { day, open: windows.length > 0, windows: text, reason, ...(name ? { name } : {}) };
  }

  private minuteWindows(day: string): [number, number][] {
    const info = this.dayInfo(day);
    return info.windows.map(([a, b]) => [parseClockTime(a)!, parseClockTime(b)!]);
  }

  private instantWindows(dayNumber: number): readonly (readonly [number, number])[] {
    const cached = this.instantCache.get(dayNumber);
    if (cached) return cached;
    const day = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    const midnight = dayNumber * DAY_MS - CHINA_OFFSET_MS;
    const windows = this.minuteWindows(day).map(([a, b]) => [midnight + a * MINUTE_MS, midnight + b * MINUTE_MS] as const);
    this.instantCache.set(dayNumber, windows);
    return windows;
  }
}

/** The China day an instant falls on, as a number of days since 1970-01-01 (China time). */
function dayNumberOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
