import { describe, expect, it } from 'vitest';
import { localDayKey } from './local-day-key.js';

describe('calendar day of a message', () => {
  it('uses the agent time zone, not UTC', () => {
    expect(localDayKey('2026-11-24T23:30:00Z', 'Asia/Shanghai')).toBe('2026-11-25');
    expect(localDayKey('2026-11-24T23:30:00Z', 'UTC')).toBe('2026-11-24');
  });

  it('accepts epoch milliseconds and rejects garbage quietly', () => {
    expect(localDayKey(Date.parse('2026-01-02T03:00:00Z'), 'UTC')).toBe('2026-01-02');
    expect(localDayKey('yesterday', 'UTC')).toBe('');
  });
});
