import { describe, expect, it } from 'vitest';
import { nextMonthlyRun } from './next-monthly-run.js';

describe('the monthly schedule (1st, 03:00 Asia/Shanghai)', () => {
  it('runs on the 1st of next month at 03:00 Beijing time', () => {
    expect(nextMonthlyRun(new Date('2026-11-25T10:00:00Z')).toISOString()).toBe('2026-11-30T19:00:00.000Z');
  });

  it('rolls over the year', () => {
    expect(nextMonthlyRun(new Date('2026-12-15T00:00:00Z')).toISOString()).toBe('2026-12-31T19:00:00.000Z');
  });

  it('uses the Beijing date, not the UTC date, near midnight', () => {
    // 2026-11-30T20:00Z is already 12-01 04:00 in Beijing: this month's run has passed.
    expect(nextMonthlyRun(new Date('2026-11-30T20:00:00Z')).toISOString()).toBe('2026-12-31T19:00:00.000Z');
    // 2026-11-30T18:00Z is 12-01 02:00 in Beijing: the run is an hour away.
    expect(nextMonthlyRun(new Date('2026-11-30T18:00:00Z')).toISOString()).toBe('2026-11-30T19:00:00.000Z');
  });

  it('is strictly after the run that just happened', () => {
    expect(nextMonthlyRun(new Date('2026-11-30T19:00:00Z')).toISOString()).toBe('2026-12-31T19:00:00.000Z');
  });
});
