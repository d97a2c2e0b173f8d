import { describe, expect, it } from 'vitest';
import { daysOf } from './dashboard-filter.js';
import { rollupRangeOf } from './rollup-range.js';

describe('rollupRangeOf', () => {
  it('reads whole months monthly and the edges daily', () => {
    expect(rollupRangeOf('2025-11-08', '2026-12-06')).toEqual({
      months: { from: '2025-12-01', to: '2026-11-01' },
      days: [
        { from: '2025-11-08', to: '2025-11-30' },
        { from: '2026-12-01', to: '2026-12-06' },
      ],
    });
    expect(rollupRangeOf('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02-01', to: '2026-02-01' }, days: [] });
    expect(rollupRangeOf('2026-11-07', '2026-12-06')).toEqual({ months: null, days: [{ from: '2026-11-07', to: '2026-12-06' }] });
    expect(rollupRangeOf('2028-02-01', '2028-02-28')).toEqual({ months: null, days: [{ from: '2028-02-01', to: '2028-02-28' }] });
  });

  it('covers every day of any range exactly once', () => {
    const starts = ['2025-12-31', '2026-01-01', '2026-01-15', '2026-02-28', '2028-02-29'];
    for (const from of starts) {
      for (const length of [0, 1, 27, 28, 30, 31, 45, 60, 200, 395]) {
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
        const { days, months } = rollupRangeOf(from, to);
        const covered = days.flatMap((d) => daysOf(d));
        if (months) covered.push(...daysOf({ from: months.from, to: new Date(Date.UTC(+months.to.slice(0, 4), +months.to.slice(5, 7), 0)).toISOString().slice(0, 10) }));
        expect(covered.sort(), `${from}..${to}`).toEqual(daysOf({ from, to }));
      }
    }
  });
});
