import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.js';

const now = Date.parse('2026-11-25T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relative time in the conversation list', () => {
  it('says "now" for the last minute, also when the server clock runs slightly ahead', () => {
    expect(formatRelativeTime(ago(20), now, 'zh-CN')).toBe('现在');
    expect(formatRelativeTime(ago(-5), now, 'en')).toBe('now');
  });

  it('counts minutes, then hours, then days', () => {
    expect(formatRelativeTime(ago(5 * 60 + 10), now, 'zh-CN')).toBe('5分钟前');
    expect(formatRelativeTime(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), now, 'zh-CN')).toBe('昨天');
    expect(formatRelativeTime(ago(3 * 86400), now, 'en')).toBe('3 days ago');
  });

  it('switches to a calendar date after a week, with the year only when it differs', () => {
    expect(formatRelativeTime('2026-11-01T08:00:00Z', now, 'zh-CN')).toBe('11月1日');
    expect(formatRelativeTime('2025-06-01T08:00:00Z', now, 'en')).toBe('Jun 1, 2025');
  });

  it('returns nothing for a malformed timestamp rather than "NaN"', () => {
    expect(formatRelativeTime('not a date', now, 'en')).toBe('');
  });
});
