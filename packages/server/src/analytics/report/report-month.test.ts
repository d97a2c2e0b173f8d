import { describe, expect, it } from 'vitest';
import { monthBefore, monthTitle, previousReportMonth, reportMonth } from './report-month.js';

describe('report months (China time)', () => {
  it('spans the month from China midnight to China midnight', () => {
    expect(reportMonth('2026-11')).toEqual({ month: '2026-11', from: new Date('2026-11-01T00:00:00+08:00'), until: new Date('2026-12-01T00:00:00+08:00') });
  });

  it('reports on the previous month, in China time, across a year end', () => {
    // 2026-12-01 03:00 China time is still November 30th in UTC.
    expect(previousReportMonth(new Date('2026-11-30T19:00:00Z'))).toBe('2026-11');
    expect(previousReportMonth(new Date('2027-01-01T03:00:00+08:00'))).toBe('2026-12');
    expect(monthBefore('2026-01')).toBe('2025-12');
    expect(monthTitle('2026-11')).toBe('2026年11月');
  });
});
