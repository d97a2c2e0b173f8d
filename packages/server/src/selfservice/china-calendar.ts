import { chinaWorkCalendar } from '@zhida/china-calendar';

/** Calendar arithmetic in China Standard Time (UTC+8, no DST), where every demo customer lives. */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The CST calendar day of an instant. @example chinaDay(new Date('2026-11-25T20:00:00Z')) // '2026-11-26' */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in CST. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A working day of the China work calendar (public holidays off, 调休 weekends on); see `china-work-calendar.ts`. */
export function isWorkingDay(day: string): boolean {
  return chinaWorkCalendar.isWorkingDay(day);
}

/** The next `count` working days strictly after `day`, by the China work calendar. */
export function nextWorkingDays(day: string, count: number): string[] {
  return chinaWorkCalendar.nextWorkingDays(day, count);
}

/** `¥1,234.50` from cents. */
export function yuan(cents: number): string {
  return `¥${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
