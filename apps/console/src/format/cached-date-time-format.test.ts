import { describe, expect, it } from 'vitest';
import { cachedDateTimeFormat } from './cached-date-time-format.js';

describe('cachedDateTimeFormat', () => {
  it('hands back the same formatter for the same locale and options, another for different ones', () => {
    const a = cachedDateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: 'numeric', minute: '2-digit' });
    expect(cachedDateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: 'numeric', minute: '2-digit' })).toBe(a);
    expect(cachedDateTimeFormat('zh-CN', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' })).not.toBe(a);
    expect(cachedDateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', minute: '2-digit' })).not.toBe(a);
  });

  it('formats like a fresh formatter', () => {
    const at = Date.parse('2026-12-07T03:04:00Z');
    const options = { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' } as const;
    expect(cachedDateTimeFormat('zh-CN', options).format(at)).toBe(new Intl.DateTimeFormat('zh-CN', options).format(at));
  });
});
