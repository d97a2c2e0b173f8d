const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar day in China (UTC+8) of an instant, `YYYY-MM-DD`. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The next Monday-to-Friday day after `day`: the demo warehouse does not know the holiday calendar. */
export function nextWeekday(day: string): string {
  let next = addDays(day, 1);
  while ([0, 6].includes(new Date(`${next}T00:00:00Z`).getUTCDay())) next = addDays(next, 1);
  return next;
}

/** The first day of the month after `day`'s. */
export function firstOfNextMonth(day: string): string {
  return `${addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
}

/** `YYYY-MM-DD HH:mm` in China time. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Money as customers read it: `¥1,299.00`. */
export function yuan(cents: number): string {
  return `¥${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
