import type { Locale } from '../i18n/translate.js';
import { cachedDateTimeFormat } from './cached-date-time-format.js';

/**
 * Clock time of a chat message; the day is shown once, on the divider above it.
 * @example formatClockTime('2026-11-25T02:05:00Z', 'en', 'UTC') // '2:05 AM'
 */
export function formatClockTime(iso: string, locale: Locale, timeZone?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  return cachedDateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(then);
}

/** The date alone, for the divider between days in a conversation. */
export function formatDay(iso: string, locale: Locale, timeZone?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  return cachedDateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(then);
}

/** Full date and time, for tooltips and tables. */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  return cachedDateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(then);
}
