import type { Locale } from '../i18n/translate.js';
import { cachedDateTimeFormat } from './cached-date-time-format.js';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "刚刚 / 5分钟前 / 昨天 / 11月3日" style time for lists, via Intl; `now` is passed in so callers control ticking.
 * @example formatRelativeTime('2026-11-25T10:00:00Z', Date.parse('2026-11-25T10:05:00Z'), 'zh-CN') // '5分钟前'
 */
export function formatRelativeTime(iso: string, now: number, locale: Locale): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  // Clamp small negative differences: the server clock may be slightly ahead of the browser's.
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < MINUTE) return relative.format(0, 'second');
  if (seconds < HOUR) return relative.format(-Math.floor(seconds / MINUTE), 'minute');
  if (seconds < DAY) return relative.format(-Math.floor(seconds / HOUR), 'hour');
  if (seconds < 7 * DAY) return relative.format(-Math.floor(seconds / DAY), 'day');
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return cachedDateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(then);
}
