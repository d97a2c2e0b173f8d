import { describe, expect, it } from 'vitest';
import { formatClockTime, formatDateTime } from './clock-time.js';

const now = Date.parse('2026-11-25T09:00:00Z');

describe('time on a chat bubble', () => {
  it('shows only the clock time for a message from today', () => {
    expect(formatClockTime('2026-11-25T02:05:00Z', now, 'en', 'UTC')).toBe('2:05 AM');
  });

  it('adds the date for older messages', () => {
    expect(formatClockTime('2026-11-20T14:30:00Z', now, 'zh-CN', 'UTC')).toBe('2026年11月20日 14:30');
  });

  it('decides "today" in the agent\'s own time zone', () => {
    // 23:30 UTC on the 24th is already the 25th in Shanghai.
    expect(formatClockTime('2026-11-24T23:30:00Z', now, 'zh-CN', 'Asia/Shanghai')).toBe('7:30');
    expect(formatDateTime('2026-11-24T23:30:00Z', 'en', 'Asia/Shanghai')).toBe('Nov 25, 2026, 7:30 AM');
  });
});
