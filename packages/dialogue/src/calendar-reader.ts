/** Where "today" is: the event time plus the tenant's UTC offset (China: +480 minutes). */
export type Clock = { now: string; utcOffsetMinutes: number };

const DAY_MS = 86_400_000;
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const RELATIVE_DAYS: [RegExp, number][] = [
  [/大后天/, 3],
  [/后天/, 2],
  [/明天|明日|tomorrow/i, 1],
  [/今天|今日|today/i, 0],
  // Past days: "昨天转的账没到" asks about a day that has gone.
  [/大前天/, -3],
  [/前天/, -2],
  [/昨天|昨日|yesterday/i, -1],
];

/**
 * Reads a calendar date from customer text and returns it as `YYYY-MM-DD`.
 * Understands ISO dates, `2026年11月26日`, `11月26号`, 大前天…大后天 and 上周三/周三/下周三.
 * @example readDate('明天上午', { now: '2026-11-25T02:00:00Z', utcOffsetMinutes: 480 }) // '2026-11-26'
 */
export function readDate(text: string, clock: Clock): string | undefined {
  const today = localToday(clock);
  const iso = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/.exec(text);
  if (iso) return formatDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthDay = /(\d{1,2})月(\d{1,2})[日号]/.exec(text) ?? /(\d{1,2})\/(\d{1,2})(?!\d)/.exec(text);
  if (monthDay) {
    const month = Number(monthDay[1]);
    const day = Number(monthDay[2]);
    // A month/day already past this year means next year: people book forward.
    const thisYear = formatDate(today.getUTCFullYear(), month, day);
    if (thisYear === undefined) return undefined;
    return thisYear >= isoDay(today) ? thisYear : formatDate(today.getUTCFullYear() + 1, month, day);
  }
  for (const [pattern, offset] of RELATIVE_DAYS) {
    if (pattern.test(text)) return isoDay(new Date(today.getTime() + offset * DAY_MS));
  }
  const weekday = /(下|上)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (weekday?.[2] !== undefined) {
    const target = WEEKDAYS[weekday[2]] ?? 0;
    const mondayBased = (target + 6) % 7;
    const todayMondayBased = (today.getUTCDay() + 6) % 7;
    // 周三 = the coming Wednesday (today counts); 下周三 / 上周三 = Wednesday of the next / previous Monday-based week.
    const delta =
      weekday[1] === '下'
        ? 7 - todayMondayBased + mondayBased
        : weekday[1] === '上'
          ? mondayBased - todayMondayBased - 7
          : (target - today.getUTCDay() + 7) % 7;
    return isoDay(new Date(today.getTime() + delta * DAY_MS));
  }
  return undefined;
}

/**
 * Reads a billing month and returns it as `YYYY-MM`; a bare month in the future means last year.
 * @example readMonth('上个月的账单', { now: '2026-11-25T02:00:00Z', utcOffsetMinutes: 480 }) // '2026-10'
 */
export function readMonth(text: string, clock: Clock): string | undefined {
  const today = localToday(clock);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  const full = /(\d{4})[-/.年](\d{1,2})(?:月)?(?![\d])/.exec(text);
  if (full) return formatMonth(Number(full[1]), Number(full[2]));
  if (/上上个?月/.test(text)) return shiftMonth(year, month, -2);
  if (/上个?月|last month/i.test(text)) return shiftMonth(year, month, -1);
  if (/本月|这个月|当月|this month/i.test(text)) return formatMonth(year, month);
  const bare = /(\d{1,2})月/.exec(text);
  if (bare) {
    const m = Number(bare[1]);
    return m > month ? formatMonth(year - 1, m) : formatMonth(year, m);
  }
  return undefined;
}

function localToday(clock: Clock): Date {
  const instant = Date.parse(clock.now);
  const local = new Date((Number.isNaN(instant) ? 0 : instant) + clock.utcOffsetMinutes * 60_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function formatDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return isoDay(date);
}

function formatMonth(year: number, month: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  return `${year}-${String(month).padStart(2, '0')}`;
}

function shiftMonth(year: number, month: number, delta: number): string | undefined {
  const index = year * 12 + (month - 1) + delta;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}
