import { CHINA_HOLIDAY_ARRANGEMENTS, type HolidayArrangement, type YearArrangement } from './china-holiday-arrangements.js';

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A day string that is not a real `YYYY-MM-DD` date, or a malformed holiday arrangement. */
export class WorkCalendarError extends Error {
  constructor(
    readonly code: 'invalid_day' | 'invalid_arrangement',
    message: string,
  ) {
    super(message);
    this.name = 'WorkCalendarError';
  }
}

/** Whether `day` is a real `YYYY-MM-DD` date (`2026-02-30` is not). */
export function isCalendarDay(day: string): boolean {
  const at = DAY_PATTERN.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  // Date.parse rolls 02-30 over into March, so the round trip catches impossible dates.
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
}

function assertDay(day: string): void {
  if (!isCalendarDay(day)) throw new WorkCalendarError('invalid_day', `not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function monthDay(day: string): { month: number; date: number } {
  return { month: Number(day.slice(5, 7)), date: Number(day.slice(8, 10)) };
}

/**
 * The mainland China working-day calendar: Monday–Friday, minus the public holidays of the State
 * Council's yearly arrangement, plus its 调休 working weekends. Pure and data-driven: it knows
 * exactly the years it is given (by default `CHINA_HOLIDAY_ARRANGEMENTS`); any other year is
 * plain Monday–Friday, which `hasOfficialData(year)` makes visible so callers can say so.
 *
 * Days are China calendar days `YYYY-MM-DD` (use `chinaDay(instant)` to get one).
 *
 * @example
 * const calendar = new ChinaWorkCalendar();
 * calendar.isWorkingDay('2026-10-10'); // true — a Saturday worked for 国庆节
 * calendar.closureText('2026-10-03');  // '10月1日至7日国庆节放假'
 */
export class ChinaWorkCalendar {
  private readonly years = new Set<number>();
  private readonly daysOff = new Map<string, HolidayArrangement>();
  private readonly makeupDays = new Map<string, HolidayArrangement>();

  constructor(arrangements: readonly YearArrangement[] = CHINA_HOLIDAY_ARRANGEMENTS) {
    for (const year of arrangements) this.add(year);
  }

  /** Whether `year` follows a published arrangement; false means the Monday–Friday fallback. */
  hasOfficialData(year: number): boolean {
    return this.years.has(year);
  }

  /** The years with a published arrangement, ascending. */
  officialYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(day: string): boolean {
    assertDay(day);
    if (this.makeupDays.has(day)) return true;
    if (this.daysOff.has(day)) return false;
    return !isWeekend(day);
  }

  /** The holiday whose break contains `day` (weekend days inside the break included), else null. */
  holiday(day: string): HolidayArrangement | null {
    assertDay(day);
    return this.daysOff.get(day) ?? null;
  }

  /** `'国庆节'` for any day of the 国庆 break, else null. */
  holidayName(day: string): string | null {
    return this.holiday(day)?.name ?? null;
  }

  /** The holiday a 调休 working weekend day makes up for, else null. */
  makeupFor(day: string): string | null {
    assertDay(day);
    return this.makeupDays.get(day)?.name ?? null;
  }

  /** A customer-facing sentence for a day of a break, e.g. `'1月28日至2月4日春节放假'`, `'1月1日元旦放假'`; null on other days. */
  closureText(day: string): string | null {
    const h = this.holiday(day);
    if (!h) return null;
    const from = monthDay(h.from);
    const to = monthDay(h.to);
    const start = `${from.month}月${from.date}日`;
    const span = h.from === h.to ? start : from.month === to.month ? `${start}至${to.date}日` : `${start}至${to.month}月${to.date}日`;
    return `${span}${h.name}放假`;
  }

  /** The next `count` working days strictly after `day`. */
  nextWorkingDays(day: string, count: number): string[] {
    assertDay(day);
    const days: string[] = [];
    for (let d = shift(day, 1); days.length < count; d = shift(d, 1)) if (this.isWorkingDay(d)) days.push(d);
    return days;
  }

  /**
   * The working day `count` working days after `day` (before it when negative). Zero gives
   * `day` itself when it is a working day, else the next working day — so a deadline that
   * starts on a holiday starts counting on the first day back.
   */
  addWorkingDays(day: string, count: number): string {
    assertDay(day);
    if (!Number.isInteger(count)) throw new WorkCalendarError('invalid_day', `working-day count must be an integer, got ${count}`);
    if (count === 0) return this.isWorkingDay(day) ? day : this.nextWorkingDays(day, 1)[0]!;
    const step = count > 0 ? 1 : -1;
    let d = day;
    for (let left = Math.abs(count); left > 0; ) {
      d = shift(d, step);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  private add(year: YearArrangement): void {
    const bad = (why: string) => new WorkCalendarError('invalid_arrangement', `${year.year}: ${why}`);
    if (this.years.has(year.year)) throw bad('year given twice');
    // A 元旦 break may start in the last days of the year before (2023's began on 2022-12-31).
    const inYear = (day: string) => {
      assertDay(day);
      if (day < `${year.year - 1}-12-01` || day > `${year.year}-12-31`) throw bad(`${day} is not in ${year.year}`);
    };
    for (const h of year.holidays) {
      inYear(h.from);
      inYear(h.to);
      if (h.to < h.from) throw bad(`${h.name} ends before it starts`);
      for (let d = h.from; d <= h.to; d = shift(d, 1)) {
        if (this.daysOff.has(d)) throw bad(`${d} is in two breaks`);
        this.daysOff.set(d, h);
      }
    }
    for (const h of year.holidays) {
      for (const d of h.makeupWorkdays) {
        inYear(d);
        // A weekday is a working day anyway; a make-up day inside a break contradicts the break.
        if (!isWeekend(d)) throw bad(`${h.name} 调休 day ${d} is not a weekend day`);
        if (this.daysOff.has(d)) throw bad(`${h.name} 调休 day ${d} falls inside a break`);
        this.makeupDays.set(d, h);
      }
    }
    this.years.add(year.year);
  }
}

/** The calendar of the State Council's published arrangements (Zhida's SLA clocks, the demo hall's counter slots). */
export const chinaWorkCalendar = new ChinaWorkCalendar();
