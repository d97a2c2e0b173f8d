import type { Locale } from './messages.js';

/**
 * A short timestamp for a chat bubble: the time alone for today, date and time otherwise.
 * `timeZone` is only for tests; the page's zone is what the visitor expects.
 *
 * @example formatMessageTime('2026-11-25T08:05:00Z', 'zh-CN', new Date('2026-11-25T09:00:00Z'), 'Asia/Shanghai') // '16:05'
 */
export function formatMessageTime(iso: string, locale: Locale, now: Date = new Date(), timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const sameDay = dayKey.format(date) === dayKey.format(now);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }
    : { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(locale, options).format(date);
}
