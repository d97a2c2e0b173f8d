const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // Asia/Shanghai is UTC+8 all year.

/** A calendar month in China time, `YYYY-MM`, with the instants it starts and ends at. */
export interface ReportMonth {
  month: string;
  from: Date;
  /** Exclusive: the first instant of the next month. */
  until: Date;
}

/**
 * The month `YYYY-MM` as China-time instants.
 * @example reportMonth('2026-11') // { from: 2026-10-31T16:00Z, until: 2026-11-30T16:00Z }
 */
export function reportMonth(month: string): ReportMonth {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { month, from: new Date(Date.UTC(year, m - 1, 1) - SHANGHAI_OFFSET_MS), until: new Date(Date.UTC(year, m, 1) - SHANGHAI_OFFSET_MS) };
}

/** The month before the one `now` falls in (China time): what the report of the 1st covers. */
export function previousReportMonth(now: Date): string {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month before `month`. */
export function monthBefore(month: string): string {
  return previousReportMonth(reportMonth(month).from);
}

/** `2026年11月` for titles. */
export function monthTitle(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${year}年${m}月`;
}

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
