import { describe, expect, it } from 'vitest';
import { readDate, readMonth } from './calendar-reader.js';

// Wednesday 25 Nov 2026 in Beijing (the UTC instant is still the 24th).
const clock = { now: '2026-11-24T18:00:00Z', utcOffsetMinutes: 480 };

describe('reading dates', () => {
  it('uses the tenant\'s local day for relative words', () => {
    expect(readDate('今天', clock)).toBe('2026-11-25');
    expect(readDate('明天上午', clock)).toBe('2026-11-26');
    expect(readDate('大后天', clock)).toBe('2026-11-28');
  });

  it('reads past days for questions about what already happened (昨天转的账没到)', () => {
    expect(readDate('昨天转的账', clock)).toBe('2026-11-24');
    expect(readDate('前天', clock)).toBe('2026-11-23');
    expect(readDate('大前天', clock)).toBe('2026-11-22');
    expect(readDate('上周五', clock)).toBe('2026-11-20');
    expect(readDate('上周一', clock)).toBe('2026-11-16');
  });

  it('reads weekdays: 周五 is this week, 下周一 next week', () => {
    expect(readDate('周五', clock)).toBe('2026-11-27');
    expect(readDate('下周一', clock)).toBe('2026-11-30');
    expect(readDate('下周三', clock)).toBe('2026-12-02');
  });

  it('reads explicit dates and rolls past month/day into next year', () => {
    expect(readDate('2026-12-01', clock)).toBe('2026-12-01');
    expect(readDate('12月3号', clock)).toBe('2026-12-03');
    expect(readDate('1月5日', clock)).toBe('2027-01-05');
    expect(readDate('2月30日', clock)).toBeUndefined();
    expect(readDate('随便', clock)).toBeUndefined();
  });
});

describe('reading months', () => {
  it('reads relative and explicit months; a future bare month is last year', () => {
    expect(readMonth('本月', clock)).toBe('2026-11');
    expect(readMonth('上上个月', clock)).toBe('2026-09');
    expect(readMonth('2025年3月', clock)).toBe('2025-03');
    expect(readMonth('12月的账单', clock)).toBe('2025-12');
    expect(readMonth('10月', clock)).toBe('2026-10');
  });
});
