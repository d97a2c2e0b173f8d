import { cachedDateTimeFormat } from './cached-date-time-format.js';

/**
 * The calendar day of an instant in a time zone (the browser's by default), as `YYYY-MM-DD`.
 * @example localDayKey('2026-11-24T23:30:00Z', 'Asia/Shanghai') // '2026-11-25'
 */
export function localDayKey(time: string | number, timeZone?: string): string {
  const instant = typeof time === 'number' ? time : Date.parse(time);
  if (Number.isNaN(instant)) return '';
  // en-CA formats dates as YYYY-MM-DD, which makes the key sortable and locale-independent.
  return cachedDateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
