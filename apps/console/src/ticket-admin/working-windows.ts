import type { WeeklyHours, WorkingWindows } from '../api/api-types.js';

/** What is wrong with one window: not HH:MM, ends before it starts, or overlaps another. */
export type WindowProblem = 'format' | 'order' | 'overlap';

export interface WindowIssue {
  /** The window's position in the list as the editor shows it. */
  index: number;
  problem: WindowProblem;
}

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
// A window may end at midnight.
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Checks one day's working windows: each `HH:MM`–`HH:MM` with the end after the start, and no two
 * overlapping (touching, like 12:00–13:30 after 09:00–12:00, is fine). Empty means valid.
 * @example checkWindows([['09:00', '12:00'], ['11:30', '18:00']]) // [{ index: 1, problem: 'overlap' }]
 */
export function checkWindows(windows: WorkingWindows): WindowIssue[] {
  const issues: WindowIssue[] = [];
  const valid: { index: number; from: number; to: number }[] = [];
  windows.forEach(([from, to], index) => {
    if (!START.test(from) || !END.test(to)) issues.push({ index, problem: 'format' });
    else if (minutesOf(to) <= minutesOf(from)) issues.push({ index, problem: 'order' });
    else valid.push({ index, from: minutesOf(from), to: minutesOf(to) });
  });
  valid.sort((a, b) => a.from - b.from);
  let latestEnd = -1;
  let latestIndex = -1;
  for (const window of valid) {
    if (window.from < latestEnd) issues.push({ index: Math.max(window.index, latestIndex), problem: 'overlap' });
    if (window.to > latestEnd) {
      latestEnd = window.to;
      latestIndex = window.index;
    }
  }
  return issues.sort((a, b) => a.index - b.index);
}

/** The windows sorted by start, as they are saved. */
export function sortWindows(windows: WorkingWindows): WorkingWindows {
  return [...windows].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Weekday keys Monday first, the order the editor lists them ("0" is Sunday). */
export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '0'] as const;

/** Every problem of a week, by weekday key; an empty object means the week can be saved. */
export function checkWeeklyHours(hours: WeeklyHours): Partial<Record<(typeof WEEKDAY_KEYS)[number], WindowIssue[]>> {
  const result: Partial<Record<(typeof WEEKDAY_KEYS)[number], WindowIssue[]>> = {};
  for (const key of WEEKDAY_KEYS) {
    const issues = checkWindows(hours[key] ?? []);
    if (issues.length > 0) result[key] = issues;
  }
  return result;
}
