const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * Wall-clock arithmetic in Asia/Shanghai (UTC+8, no daylight saving since 1991), independent of
 * the machine's time zone. A "wall" value is milliseconds of the local calendar read as if it were UTC.
 */
export const ShanghaiClock = {
  /** The Shanghai wall time of an instant. */
  fromInstant(instant: Date): number {
    return instant.getTime() + OFFSET_MS;
  },
  /** Midnight (Shanghai) of the wall time's day. */
  startOfDay(wall: number): number {
    return Math.floor(wall / DAY_MS) * DAY_MS;
  },
  /** A wall time built from calendar fields; out-of-range fields roll over like Date.UTC. */
  of(year: number, month: number, day: number, hour = 0, minute = 0): number {
    return Date.UTC(year, month - 1, day, hour, minute);
  },
  year(wall: number): number {
    return new Date(wall).getUTCFullYear();
  },
  /** Month 1–12. */
  month(wall: number): number {
    return new Date(wall).getUTCMonth() + 1;
  },
  day(wall: number): number {
    return new Date(wall).getUTCDate();
  },
  /** ISO weekday: Monday 1 … Sunday 7. */
  isoWeekday(wall: number): number {
    return ((new Date(wall).getUTCDay() + 6) % 7) + 1;
  },
  addDays(wall: number, days: number): number {
    return wall + days * DAY_MS;
  },
  /** Adds calendar months, clamping the day (Jan 31 + 1 month → Feb 28/29). */
  addMonths(wall: number, months: number): number {
    const d = new Date(wall);
    const target = d.getUTCMonth() + months;
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), target + 1, 0)).getUTCDate();
    return Date.UTC(d.getUTCFullYear(), target, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes());
  },
  /** ISO 8601 with the +08:00 offset, e.g. 2026-11-26T15:00:00+08:00. */
  toIso(wall: number): string {
    return new Date(wall).toISOString().slice(0, 19) + '+08:00';
  },
  isValidDate(year: number, month: number, day: number): boolean {
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  },
};
