/**
 * One public holiday of a year's State Council arrangement (国务院办公厅关于 YYYY 年部分节假日安排的通知):
 * the days off (`from`..`to`, inclusive, including the weekend days folded into the break) and the
 * weekend days that are worked instead (调休上班).
 */
export interface HolidayArrangement {
  name: string;
  from: string;
  to: string;
  makeupWorkdays: readonly string[];
}

/** The arrangement of one calendar year, with the notice it comes from so an operator can check it. */
export interface YearArrangement {
  year: number;
  source: string;
  holidays: readonly HolidayArrangement[];
}

/**
 * The official arrangements the calendar knows. Each year is published by the State Council around
 * November of the year before; until a year is added here, that year falls back to Monday–Friday
 * (see `ChinaWorkCalendar.hasOfficialData`). To add one, append an entry copied from the notice;
 * the calendar's constructor rejects malformed entries (dates outside the year, a 调休 day that
 * is not a weekend day or that falls inside a break).
 */
export const CHINA_HOLIDAY_ARRANGEMENTS: readonly YearArrangement[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', makeupWorkdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', makeupWorkdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', makeupWorkdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', makeupWorkdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', makeupWorkdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', makeupWorkdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025-11-04）',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', makeupWorkdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', makeupWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', makeupWorkdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', makeupWorkdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', makeupWorkdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', makeupWorkdays: [] },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeupWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];
