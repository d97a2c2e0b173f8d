import { describe, expect, it } from 'vitest';
import { formatTicketTime } from './format-ticket-time.js';

describe('formatTicketTime', () => {
  it('always shows the date, in the visitor’s time zone', () => {
    expect(formatTicketTime('2026-12-13T09:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('12月13日 17:00');
    expect(formatTicketTime('2026-12-13T17:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('12月14日 01:30');
  });

  it('shows nothing for a timestamp it cannot read', () => {
    expect(formatTicketTime('soon', 'zh-CN')).toBe('');
  });
});
