import { describe, expect, it } from 'vitest';
import { expectationText } from './sla-expectation-text.js';

const bj = (local: string) => new Date(`${local}+08:00`);

describe('expectationText', () => {
  const now = bj('2026-12-06T23:30:00');

  it('says today, tomorrow or the date with its weekday, in Beijing time', () => {
    expect(expectationText(bj('2026-12-06T23:50:00'), now)).toBe('预计今天 23:50 前处理');
    // 2026-12-07 00:30 in Beijing is still 12-06 in UTC: the China day decides.
    expect(expectationText(bj('2026-12-07T10:30:00'), now)).toBe('预计明天 10:30 前处理');
    expect(expectationText(bj('2026-12-08T10:30:00'), now)).toBe('预计 12月8日（周二）10:30 前处理');
    expect(expectationText(bj('2027-01-04T09:00:00'), now)).toBe('预计 2027年1月4日（周一）09:00 前处理');
  });

  it('keeps "today" for a Beijing morning that is the previous UTC day', () => {
    expect(expectationText(bj('2026-12-07T16:00:00'), bj('2026-12-07T07:00:00'))).toBe('预计今天 16:00 前处理');
  });
});
