import { describe, expect, it } from 'vitest';
import { formatMessageTime } from './format-message-time.js';

const now = new Date('2026-11-25T09:00:00Z');

describe('message timestamps', () => {
  it('shows only the time for a message sent today, in the visitor time zone', () => {
    expect(formatMessageTime('2026-11-25T08:05:00Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('16:05');
  });

  it('adds the date for older messages', () => {
    expect(formatMessageTime('2026-11-20T08:05:00Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('11月20日 16:05');
    expect(formatMessageTime('2026-11-20T08:05:00Z', 'en', now, 'Asia/Shanghai')).toBe('Nov 20, 16:05');
  });

  it('decides "today" in the visitor zone, not in UTC', () => {
    // 17:30 UTC on the 24th is already 01:30 on the 25th in Shanghai.
    expect(formatMessageTime('2026-11-24T17:30:00Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('01:30');
  });

  it('shows nothing rather than "Invalid Date" for a malformed timestamp', () => {
    expect(formatMessageTime('not a date', 'en', now)).toBe('');
  });
});
