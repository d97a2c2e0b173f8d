const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // Asia/Shanghai is UTC+8 all year (no daylight saving).

/**
 * The next 1st-of-the-month 03:00 Asia/Shanghai strictly after `now`.
 * @example nextMonthlyRun(new Date('2026-11-25T10:00:00Z')) // 2026-11-30T19:00:00.000Z (12-01 03:00 CST)
 */
export function nextMonthlyRun(now: Date): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const thisMonth = Date.UTC(year, month, 1, 3) - SHANGHAI_OFFSET_MS;
  if (thisMonth > now.getTime()) return new Date(thisMonth);
  return new Date(Date.UTC(year, month + 1, 1, 3) - SHANGHAI_OFFSET_MS);
}
