import { describe, expect, it } from 'vitest';
import { closureValid, isCalendarDay } from './calendar-closures.js';

describe('calendar closures', () => {
  it('knows real days from impossible ones', () => {
    expect(isCalendarDay('2026-10-01')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-1')).toBe(false);
  });

  it('needs both days in order and a name', () => {
    expect(closureValid({ from: '2026-05-06', to: '2026-05-08', name: '团建' })).toBe(true);
    expect(closureValid({ from: '2026-05-06', to: '2026-05-06', name: '盘点' })).toBe(true);
    expect(closureValid({ from: '2026-05-08', to: '2026-05-06', name: '团建' })).toBe(false);
    expect(closureValid({ from: '2026-05-06', to: '2026-05-08', name: '  ' })).toBe(false);
    expect(closureValid({ from: '', to: '2026-05-08', name: '团建' })).toBe(false);
  });
});
