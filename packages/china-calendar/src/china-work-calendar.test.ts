import { describe, expect, it } from 'vitest';
import { ChinaWorkCalendar, WorkCalendarError, chinaWorkCalendar as calendar, isCalendarDay } from './china-work-calendar.js';

/** Every day of `from`..`to` (inclusive). */
function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) days.push(d);
  return days;
}

describe('ChinaWorkCalendar', () => {
  describe('2025 (国办发明电〔2024〕12号)', () => {
    it('is off on every day of each break', () => {
      const breaks: [string, string, string][] = [
        ['2025-01-01', '2025-01-01', '元旦'],
        ['2025-01-28', '2025-02-04', '春节'],
        ['2025-04-04', '2025-04-06', '清明节'],
        ['2025-05-01', '2025-05-05', '劳动节'],
        ['2025-05-31', '2025-06-02', '端午节'],
        ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
      ];
      for (const [from, to, name] of breaks) {
        for (const day of range(from, to)) {
          expect(calendar.isWorkingDay(day), day).toBe(false);
          expect(calendar.holidayName(day), day).toBe(name);
        }
      }
    });

    it('works the 调休 weekend days', () => {
      for (const day of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) expect(calendar.isWorkingDay(day), day).toBe(true);
      expect(calendar.makeupFor('2025-10-11')).toBe('国庆节、中秋节');
      expect(calendar.makeupFor('2025-04-27')).toBe('劳动节');
    });

    it('counts the days around the breaks as ordinary', () => {
      expect(calendar.isWorkingDay('2025-01-27')).toBe(true); // Monday before 春节
      expect(calendar.isWorkingDay('2025-02-05')).toBe(true); // first day back
      expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
      expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // plain Sunday after the 调休 Saturday
      expect(calendar.holidayName('2025-10-09')).toBeNull();
    });
  });

  describe('2026 (国办发明电〔2025〕7号)', () => {
    it('is off on every day of each break', () => {
      const breaks: [string, string, string][] = [
        ['2026-01-01', '2026-01-03', '元旦'],
        ['2026-02-15', '2026-02-23', '春节'],
        ['2026-04-04', '2026-04-06', '清明节'],
        ['2026-05-01', '2026-05-05', '劳动节'],
        ['2026-06-19', '2026-06-21', '端午节'],
        ['2026-09-25', '2026-09-27', '中秋节'],
        ['2026-10-01', '2026-10-07', '国庆节'],
      ];
      for (const [from, to, name] of breaks) {
        for (const day of range(from, to)) {
          expect(calendar.isWorkingDay(day), day).toBe(false);
          expect(calendar.holidayName(day), day).toBe(name);
        }
      }
    });

    it('works the 调休 weekend days and no others', () => {
      const makeup = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
      for (const day of makeup) expect(calendar.isWorkingDay(day), day).toBe(true);
      const weekendsWorked = range('2026-01-01', '2026-12-31').filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && calendar.isWorkingDay(d));
      expect(weekendsWorked).toEqual(makeup);
    });

    it('has 248 working days in the year (261 weekdays − 19 weekdays off + 6 调休 days)', () => {
      expect(range('2026-01-01', '2026-12-31').filter((d) => calendar.isWorkingDay(d))).toHaveLength(248);
    });

    it('phrases a break for a customer', () => {
      expect(calendar.closureText('2026-10-03')).toBe('10月1日至7日国庆节放假');
      expect(calendar.closureText('2026-02-20')).toBe('2月15日至23日春节放假');
      expect(calendar.closureText('2025-01-30')).toBe('1月28日至2月4日春节放假');
      expect(calendar.closureText('2025-01-01')).toBe('1月1日元旦放假');
      expect(calendar.closureText('2026-10-10')).toBeNull();
    });
  });

  describe('counting working days', () => {
    it('skips breaks and takes 调休 days in nextWorkingDays', () => {
      expect(calendar.nextWorkingDays('2026-09-17', 10)).toEqual([
        '2026-09-18', '2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08',
      ]);
      expect(calendar.nextWorkingDays('2026-10-08', 3)).toEqual(['2026-10-09', '2026-10-10', '2026-10-12']);
    });

    it('adds working days forwards and backwards', () => {
      expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
      expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
      expect(calendar.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
      expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
      expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
      expect(calendar.addWorkingDays('2026-10-08', 0)).toBe('2026-10-08');
      expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
      expect(() => calendar.addWorkingDays('2026-10-03', 1.5)).toThrow(WorkCalendarError);
    });
  });

  describe('years without a published arrangement', () => {
    it('says so and falls back to Monday–Friday', () => {
      expect(calendar.hasOfficialData(2025)).toBe(true);
      expect(calendar.hasOfficialData(2026)).toBe(true);
      expect(calendar.hasOfficialData(2027)).toBe(false);
      expect(calendar.hasOfficialData(2024)).toBe(false);
      expect(calendar.officialYears()).toEqual([2025, 2026]);
      expect(calendar.isWorkingDay('2027-10-01')).toBe(true); // a Friday: no data, so not a holiday
      expect(calendar.isWorkingDay('2027-10-02')).toBe(false);
      expect(calendar.holidayName('2027-10-01')).toBeNull();
      expect(calendar.nextWorkingDays('2026-12-30', 4)).toEqual(['2026-12-31', '2027-01-01', '2027-01-04', '2027-01-05']);
    });

    it('takes an operator-supplied year', () => {
      const extended = new ChinaWorkCalendar([{ year: 2027, source: 'test', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', makeupWorkdays: [] }] }]);
      expect(extended.hasOfficialData(2027)).toBe(true);
      expect(extended.hasOfficialData(2026)).toBe(false);
      expect(extended.isWorkingDay('2027-01-01')).toBe(false);
      expect(extended.holidayName('2027-01-02')).toBe('元旦');
    });
  });

  describe('validation', () => {
    const year = (holidays: { name: string; from: string; to: string; makeupWorkdays: string[] }[], y = 2030) => [{ year: y, source: 'test', holidays }];
    it('rejects malformed arrangements', () => {
      const code = (f: () => unknown) => {
        try {
          f();
        } catch (error) {
          return error instanceof WorkCalendarError ? error.code : 'other';
        }
        return 'none';
      };
      expect(code(() => new ChinaWorkCalendar(year([{ name: 'x', from: '2030-02-30', to: '2030-03-01', makeupWorkdays: [] }])))).toBe('invalid_day');
      expect(code(() => new ChinaWorkCalendar(year([{ name: 'x', from: '2031-01-01', to: '2031-01-01', makeupWorkdays: [] }])))).toBe('invalid_arrangement');
      expect(code(() => new ChinaWorkCalendar(year([{ name: 'x', from: '2030-05-05', to: '2030-05-01', makeupWorkdays: [] }])))).toBe('invalid_arrangement');
      // 2030-05-08 is a Wednesday: a make-up day must be a weekend day.
      expect(code(() => new ChinaWorkCalendar(year([{ name: 'x', from: '2030-05-01', to: '2030-05-05', makeupWorkdays: ['2030-05-08'] }])))).toBe('invalid_arrangement');
      expect(code(() => new ChinaWorkCalendar(year([{ name: 'x', from: '2030-05-01', to: '2030-05-05', makeupWorkdays: ['2030-05-04'] }])))).toBe('invalid_arrangement');
      expect(code(() => new ChinaWorkCalendar([...year([]), ...year([])]))).toBe('invalid_arrangement');
      expect(code(() => new ChinaWorkCalendar(year([{ name: '元旦', from: '2029-12-30', to: '2030-01-01', makeupWorkdays: [] }])))).toBe('none');
    });

    it('rejects a day that is not YYYY-MM-DD', () => {
      expect(() => calendar.isWorkingDay('2026-13-01')).toThrow(WorkCalendarError);
      expect(() => calendar.isWorkingDay('2026/10/01')).toThrow(WorkCalendarError);
      expect(isCalendarDay('2026-02-29')).toBe(false);
      expect(isCalendarDay('2028-02-29')).toBe(true);
    });
  });
});
