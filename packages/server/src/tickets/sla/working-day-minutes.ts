import { parseClockTime, type BusinessCalendarSpec } from './business-calendar.js';

/**
 * How many business minutes a normal working day of the calendar has: the open minutes of the
 * weekday shape most days share (ties: the longer). A target of this many business minutes lands
 * at the same time of day on the next working day — "within 24 hours" on the calendar, later
 * across a weekend, a holiday or a closure.
 * @example workingDayMinutes(DEFAULT_BUSINESS_CALENDAR.weeklyHours) // 450 (09:00–12:00 + 13:30–18:00)
 */
export function workingDayMinutes(weeklyHours: BusinessCalendarSpec['weeklyHours']): number {
  const counts = new Map<number, number>();
  for (const windows of Object.values(weeklyHours)) {
    const minutes = (windows ?? []).reduce((sum, [from, to]) => sum + Math.max(0, (parseClockTime(to) ?? 0) - (parseClockTime(from) ?? 0)), 0);
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [minutes, count] of counts) {
    if (count > bestCount || (count === bestCount && minutes > best)) [best, bestCount] = [minutes, count];
  }
  return best;
}
