/** How a day range is read from the rollups: whole months from analytics_monthly, the partial edges from analytics_daily. */
export interface RollupRange {
  /** Inclusive day ranges (`YYYY-MM-DD`) read from analytics_daily: none, the leading edge, the trailing edge, or the whole range. */
  days: { from: string; to: string }[];
  /** Inclusive month range (first days of the months) read from analytics_monthly, or null when no whole month is inside. */
  months: { from: string; to: string } | null;
}

const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const addMonths = (month: string, n: number) => {
  const d = new Date(ms(month));
  d.setUTCMonth(d.getUTCMonth() + n);
  return dayOf(d.getTime());
};

/**
 * Splits an inclusive Asia/Shanghai day range into whole months and the days around them.
 * @example
 * rollupRangeOf('2025-11-08', '2026-12-06')
 * // → { months: { from: '2025-12-01', to: '2026-11-01' }, days: [{ from: '2025-11-08', to: '2025-11-30' }, { from: '2026-12-01', to: '2026-12-06' }] }
 */
export function rollupRangeOf(from: string, to: string): RollupRange {
  const fromMonth = `${from.slice(0, 7)}-01`;
  const toMonth = `${to.slice(0, 7)}-01`;
  const firstWhole = from === fromMonth ? fromMonth : addMonths(fromMonth, 1);
  // `to` ends its month when the next day is in another month.
  const lastWhole = dayOf(ms(to) + DAY_MS).slice(0, 7) !== to.slice(0, 7) ? toMonth : addMonths(toMonth, -1);
  if (firstWhole > lastWhole) return { days: [{ from, to }], months: null };
  const days: RollupRange['days'] = [];
  if (from < firstWhole) days.push({ from, to: dayOf(ms(firstWhole) - DAY_MS) });
  const afterLast = addMonths(lastWhole, 1);
  if (to >= afterLast) days.push({ from: afterLast, to });
  return { days, months: { from: firstWhole, to: lastWhole } };
}
