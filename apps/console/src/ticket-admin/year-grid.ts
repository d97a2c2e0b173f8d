import type { CalendarDay } from '../api/api-types.js';

/** How the year view colours a day. */
export type DayTone = 'open' | 'rest' | 'holiday' | 'makeup' | 'closure';

export interface DayCell {
  /** `YYYY-MM-DD`. */
  day: string;
  date: number;
  tone: DayTone;
  /** What the server said about the day; null when it sent nothing for it. */
  info: CalendarDay | null;
}

export interface MonthGrid {
  /** 1–12. */
  month: number;
  /** Monday-first weeks; null pads the days of neighbouring months. */
  weeks: (DayCell | null)[][];
}

/**
 * The colour of a day: China's holidays, 调休 working weekends and the tenant's closures stand
 * out; otherwise open or not.
 */
export function dayTone(info: CalendarDay | null): DayTone {
  if (!info) return 'rest';
  if (info.reason === 'holiday') return 'holiday';
  if (info.reason === 'closure') return 'closure';
  if (info.reason === 'makeup_workday') return 'makeup';
  return info.open ? 'open' : 'rest';
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Twelve month grids, Monday first, from `GET /business-calendar/year`.
 * @example yearGrid(2026, days)[9].weeks[0] // October 2026 starts on a Thursday: [null, null, null, {day:'2026-10-01',…}, …]
 */
export function yearGrid(year: number, days: readonly CalendarDay[]): MonthGrid[] {
  const byDay = new Map(days.map((day) => [day.day, day]));
  return Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const lead = (new Date(Date.UTC(year, index, 1)).getUTCDay() + 6) % 7;
    const cells: (DayCell | null)[] = Array.from({ length: lead }, () => null);
    for (let date = 1; date <= length; date++) {
      const day = `${year}-${pad(month)}-${pad(date)}`;
      const info = byDay.get(day) ?? null;
      cells.push({ day, date, tone: dayTone(info), info });
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: (DayCell | null)[][] = [];
    for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
    return { month, weeks };
  });
}
