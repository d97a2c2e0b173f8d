import type { Locale } from '../i18n/translate.js';

/**
 * Time of a chat message: just the clock time today, date and time otherwise.
 * @example formatClockTime('2026-11-25T02:05:00Z', Date.parse('2026-11-25T03:00:00Z'), 'en', 'UTC') // '2:05 AM'
 */
export function formatClockTime(iso: string, now: number, locale: Locale, timeZone?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const today = day.format(then) === day.format(now);
  const format = today
    ? new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' })
    : new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return format.format(then);
}

/** Full date and time, for tooltips and tables. */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(then);
}
