import { chinaWorkCalendar } from '@zhida/china-calendar';
import { chinaDayOf, chinaMidnight } from '../tickets/sla/business-calendar.js';

/**
 * PIPL sets no number of days for answering a data subject; 15 working days is the usual practice
 * (GB/T 35273-2020 §8.7 and the TC260 guidance both say 15 working days), counted on the China
 * calendar with its holidays and 调休 Saturdays.
 */
export const PRIVACY_REQUEST_WORKING_DAYS = 15;

/**
 * When a request received at `receivedAt` must be answered: the end (24:00 Beijing time) of the
 * 15th working day after the day it came in.
 * @example privacyRequestDeadline(new Date('2026-09-28T02:00:00Z')) // 15 working days later, skipping 国庆节
 */
export function privacyRequestDeadline(receivedAt: Date, workingDays = PRIVACY_REQUEST_WORKING_DAYS): Date {
  const dueDay = chinaWorkCalendar.addWorkingDays(chinaDayOf(receivedAt), workingDays);
  return new Date(chinaMidnight(dueDay) + 86_400_000);
}
