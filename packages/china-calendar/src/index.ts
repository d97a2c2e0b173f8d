export { ChinaWorkCalendar, WorkCalendarError, chinaWorkCalendar, isCalendarDay } from './china-work-calendar.js';
export { CHINA_HOLIDAY_ARRANGEMENTS, type HolidayArrangement, type YearArrangement } from './china-holiday-arrangements.js';
