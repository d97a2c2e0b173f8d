import { describe, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_BUSINESS_CALENDAR } from './business-calendar.js';
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

describe('a one-working-day target on the default calendar (the 回访 policy)', () => {
  const calendar = new BusinessCalendar(DEFAULT_BUSINESS_CALENDAR);
  const due = (at: string) => calendar.addBusinessMinutes(new Date(at), workingDayMinutes(DEFAULT_BUSINESS_CALENDAR.weeklyHours))!.toISOString();

  it('is 24 hours later on an ordinary weekday', () => {
    // Wednesday 2026-12-02 10:00 → Thursday 10:00 (China time).
    expect(due('2026-12-02T10:00:00+08:00')).toBe(new Date('2026-12-03T10:00:00+08:00').toISOString());
  });

  it('skips the weekend: Friday 17:00 → Monday 17:00', () => {
    expect(due('2026-12-04T17:00:00+08:00')).toBe(new Date('2026-12-07T17:00:00+08:00').toISOString());
  });

  it('skips the 国庆 holiday and works the 调休 Saturday', () => {
    // Wednesday 2026-09-30 16:00 → the holiday closes 10-01…10-07 → Thursday 10-08 16:00.
    expect(due('2026-09-30T16:00:00+08:00')).toBe(new Date('2026-10-08T16:00:00+08:00').toISOString());
    // Friday 2026-10-09 17:00 → Saturday 10-10 is a 调休 working day → 17:00 that day.
    expect(due('2026-10-09T17:00:00+08:00')).toBe(new Date('2026-10-10T17:00:00+08:00').toISOString());
  });
});
