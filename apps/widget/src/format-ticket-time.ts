import type { Locale } from './messages.js';

/**
 * A full date and time for ticket deadlines ("12月13日 17:00"): unlike a chat bubble's time,
 * a reopen deadline is always days away, so the date is always shown.
 * `timeZone` is only for tests; the page's zone is what the visitor expects.
 *
 * @example formatTicketTime('2026-12-13T09:00:00Z', 'zh-CN', 'Asia/Shanghai') // '12月13日 17:00'
 */
export function formatTicketTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}
