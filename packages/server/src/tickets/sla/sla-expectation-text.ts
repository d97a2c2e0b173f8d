import { chinaDayOf } from './business-calendar.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * The customer's sentence for when staff will act, in Beijing time: "预计今天 16:00 前处理",
 * "预计明天 10:30 前处理", "预计 12月8日（周二）10:30 前处理" (the year is added when it differs).
 *
 * @example
 * expectationText(new Date('2026-12-08T02:30:00Z'), new Date('2026-12-06T09:00:00Z')); // '预计 12月8日（周二）10:30 前处理'
 */
export function expectationText(due: Date, now: Date): string {
  const local = new Date(due.getTime() + CHINA_OFFSET_MS);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const dueDay = chinaDayOf(due);
  const today = chinaDayOf(now);
  const tomorrow = chinaDayOf(new Date(now.getTime() + 86_400_000));
  if (dueDay === today) return `预计今天 ${time} 前处理`;
  if (dueDay === tomorrow) return `预计明天 ${time} 前处理`;
  const year = dueDay.slice(0, 4) === today.slice(0, 4) ? '' : `${local.getUTCFullYear()}年`;
  return `预计 ${year}${local.getUTCMonth() + 1}月${local.getUTCDate()}日（${WEEKDAYS[local.getUTCDay()]}）${time} 前处理`;
}

/** When every open deadline has already passed. */
export const OVERDUE_EXPECTATION = '我们正在加急处理，请您耐心等待';
