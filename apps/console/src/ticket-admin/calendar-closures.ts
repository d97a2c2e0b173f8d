import type { CalendarClosure } from '../api/api-types.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Whether a closure can be saved: two real days, the end not before the start, and a name.
 * @example closureValid({ from: '2026-05-06', to: '2026-05-06', name: '团建' }) // true
 */
export function closureValid(closure: CalendarClosure): boolean {
  return isCalendarDay(closure.from) && isCalendarDay(closure.to) && closure.from <= closure.to && closure.name.trim().length > 0;
}
