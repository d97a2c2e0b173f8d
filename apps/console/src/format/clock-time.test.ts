import { describe, expect, it } from 'vitest';
import { formatClockTime, formatDateTime, formatDay } from './clock-time.js';


describe('time on a chat bubble', () => {
  it('shows the clock time in the agent\'s locale', () => {
    expect(formatClockTime('2026-11-25T02:05:00Z', 'en', 'UTC')).toBe('2:05 AM');
    expect(formatClockTime('2026-11-20T14:30:00Z', 'zh-CN', 'UTC')).toBe('14:30');
  });

  it('uses the agent\'s own time zone', () => {
    // 23:30 UTC on the 24th is already 7:30 on the 25th in Shanghai.
    expect(formatClockTime('2026-11-24T23:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('7:30');
    expect(formatDateTime('2026-11-24T23:30:00Z', 'en', 'Asia/Shanghai')).toBe('Nov 25, 2026, 7:30 AM');
  });

  it('names the day on the divider between days', () => {
    expect(formatDay('2026-11-24T23:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年11月25日星期三');
    expect(formatDay('2026-11-24T23:30:00Z', 'en', 'UTC')).toBe('Tuesday, November 24, 2026');
  });

  it('returns nothing for a malformed timestamp', () => {
    expect(formatClockTime('soon', 'en')).toBe('');
    expect(formatDay('soon', 'en')).toBe('');
  });
});
