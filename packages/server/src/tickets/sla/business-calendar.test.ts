import { describe, expect, it } from 'vitest';
import { BusinessCalendar, chinaDayOf } from './business-calendar.js';

// Monday–Friday with a lunch break: 3 h + 4.5 h = 450 business minutes a day.
const DAY: [string, string][] = [['09:00', '12:00'], ['13:30', '18:00']];
const office = new BusinessCalendar({
  weeklyHours: { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY },
  followChinaHolidays: true,
  closures: [{ from: '2026-12-24', to: '2026-12-25', name: '年会' }],
});
const bj = (local: string) => new Date(`${local}+08:00`);
const add = (local: string, minutes: number) => office.addBusinessMinutes(bj(local), minutes);

describe('BusinessCalendar: adding business minutes', () => {
  it('skips the 2025 国庆节、中秋节 break (10-01..10-08) — Tue 09-30 17:00 + 120 min = Thu 10-09 10:00', () => {
    expect(add('2025-09-30T17:00:00', 120)).toEqual(bj('2025-10-09T10:00:00'));
  });

  it('works the 2025 调休 Sunday 09-28 and Saturday 10-11 with Monday hours', () => {
    // Saturday 09-27 is closed; Sunday 09-28 opens at 09:00.
    expect(add('2025-09-27T10:00:00', 30)).toEqual(bj('2025-09-28T09:30:00'));
    // Friday 10-10 17:30: 30 min that day, the other 30 on Saturday 10-11.
    expect(add('2025-10-10T17:30:00', 60)).toEqual(bj('2025-10-11T09:30:00'));
  });

  it('skips the 2026 国庆节 break (10-01..10-07) — Wed 09-30 16:00 + 180 min = Thu 10-08 10:00', () => {
    expect(add('2026-09-30T16:00:00', 180)).toEqual(bj('2026-10-08T10:00:00'));
  });

  it('works the 2026 调休 days 09-20 (Sunday) and 10-10 (Saturday)', () => {
    expect(add('2026-09-19T10:00:00', 30)).toEqual(bj('2026-09-20T09:30:00'));
    expect(add('2026-10-09T17:00:00', 120)).toEqual(bj('2026-10-10T10:00:00'));
  });

  it('starts a ticket created on a holiday at the first opening after the break', () => {
    expect(add('2026-10-03T11:00:00', 30)).toEqual(bj('2026-10-08T09:30:00'));
  });

  it('pauses over the lunch break', () => {
    expect(add('2026-12-07T11:30:00', 60)).toEqual(bj('2026-12-07T14:00:00'));
    // Created during lunch: counting starts at 13:30.
    expect(add('2026-12-07T12:15:00', 60)).toEqual(bj('2026-12-07T14:30:00'));
  });

  it('starts a ticket created outside hours at the next opening', () => {
    expect(add('2026-12-07T20:00:00', 10)).toEqual(bj('2026-12-08T09:10:00'));
    expect(add('2026-12-08T07:00:00', 10)).toEqual(bj('2026-12-08T09:10:00'));
    // Friday evening + one full business day = Monday 18:00 (the end of the window, not Tuesday 09:00).
    expect(add('2026-12-11T19:00:00', 450)).toEqual(bj('2026-12-14T18:00:00'));
  });

  it("skips the tenant's own closures", () => {
    expect(add('2026-12-23T17:00:00', 120)).toEqual(bj('2026-12-28T10:00:00'));
  });

  it('gives null when the calendar never opens', () => {
    const never = new BusinessCalendar({ weeklyHours: {}, followChinaHolidays: false, closures: [] });
    expect(never.addBusinessMinutes(bj('2026-12-07T09:00:00'), 1)).toBeNull();
    expect(never.nextOpening(bj('2026-12-07T09:00:00'))).toBeNull();
  });
});

describe('BusinessCalendar: business minutes between two instants', () => {
  it('counts only open time across the 2025 国庆 break', () => {
    expect(office.businessMinutesBetween(bj('2025-09-30T17:00:00'), bj('2025-10-09T10:00:00'))).toBe(120);
  });

  it('counts a 调休 Sunday as a full day (2026-09-20) and the lunch break as nothing', () => {
    expect(office.businessMinutesBetween(bj('2026-09-19T09:00:00'), bj('2026-09-21T09:00:00'))).toBe(450);
    expect(office.businessMinutesBetween(bj('2026-12-07T11:00:00'), bj('2026-12-07T14:00:00'))).toBe(90);
    expect(office.businessMinutesBetween(bj('2026-12-07T14:00:00'), bj('2026-12-07T11:00:00'))).toBe(0);
  });
});

describe('BusinessCalendar: open or closed', () => {
  it('knows windows, holidays and 调休 days', () => {
    expect(office.isOpenAt(bj('2026-12-07T10:00:00'))).toBe(true);
    expect(office.isOpenAt(bj('2026-12-07T12:30:00'))).toBe(false);
    expect(office.isOpenAt(bj('2026-12-07T18:00:00'))).toBe(false);
    expect(office.isOpenAt(bj('2026-10-05T10:00:00'))).toBe(false);
    expect(office.isOpenAt(bj('2026-10-10T10:00:00'))).toBe(true);
    expect(office.windowsOn('2026-10-10')).toEqual(DAY);
    expect(office.windowsOn('2026-10-11')).toEqual([]);
  });

  it('finds the next opening', () => {
    expect(office.nextOpening(bj('2026-12-07T12:10:00'))).toEqual(bj('2026-12-07T13:30:00'));
    expect(office.nextOpening(bj('2026-12-07T10:00:00'))).toEqual(bj('2026-12-07T10:00:00'));
    expect(office.nextOpening(bj('2026-09-30T18:00:00'))).toEqual(bj('2026-10-08T09:00:00'));
  });

  it('uses the China day (UTC+8), not the UTC day', () => {
    expect(chinaDayOf(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
  });

  it('ignores China holidays when the tenant does not follow them', () => {
    const own = new BusinessCalendar({ weeklyHours: { '4': DAY, '6': [] }, followChinaHolidays: false, closures: [] });
    expect(own.isOpenAt(bj('2026-10-01T10:00:00'))).toBe(true);
    expect(own.dayInfo('2026-10-10')).toMatchObject({ open: false, reason: 'weekend' });
  });
});

describe('BusinessCalendar: year view', () => {
  const year = office.yearView(2026);
  const of = (day: string) => year.find((d) => d.day === day);

  it('lists every day of the year with its reason', () => {
    expect(year).toHaveLength(365);
    expect(of('2026-10-01')).toEqual({ day: '2026-10-01', open: false, windows: [], reason: 'holiday', name: '国庆节' });
    expect(of('2026-10-10')).toEqual({ day: '2026-10-10', open: true, windows: DAY, reason: 'makeup_workday', name: '国庆节' });
    expect(of('2026-12-24')).toMatchObject({ open: false, reason: 'closure', name: '年会' });
    expect(of('2026-12-07')).toEqual({ day: '2026-12-07', open: true, windows: DAY, reason: 'weekday' });
    expect(of('2026-12-12')).toMatchObject({ open: false, reason: 'weekend' });
  });

  it('counts 2026 working days by hand: 261 weekdays − 19 holiday weekdays + 6 调休 days − 2 closure days = 246', () => {
    expect(year.filter((d) => d.open)).toHaveLength(246);
  });
});
