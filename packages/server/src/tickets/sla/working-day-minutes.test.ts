import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './business-calendar.js';
import { workingDayMinutes } from './working-day-minutes.js';

describe('workingDayMinutes', () => {
  it('counts both windows of the default day', () => {
    expect(workingDayMinutes(DEFAULT_BUSINESS_CALENDAR.weeklyHours)).toBe(450);
  });

  it('takes the shape most weekdays share, not a short Saturday', () => {
    const full: [string, string][] = [['08:00', '20:00']];
    expect(workingDayMinutes({ '1': full, '2': full, '3': full, '4': full, '5': full, '6': [['09:00', '12:00']] })).toBe(720);
  });

  it('is 0 for a calendar that never opens', () => {
    expect(workingDayMinutes({})).toBe(0);
  });
});
