import { parseChineseNumeral } from './chinese-numeral.js';
import type { Entity } from './entity.js';
import { ShanghaiClock as C } from './shanghai-clock.js';

/** The resolved meaning of a date/time mention; `end` is exclusive and present for ranges. */
export type DateTimeValue = { start: string; end?: string; grain: 'day' | 'hour' | 'minute' | 'month' };

/** The meaning of a length of time with no direction ("倒计时十分钟", "等了三天"); a month counts 30 days. */
export type DurationValue = { seconds: number; unit: string };

const N = '(?:\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})';
const YEAR = '(?:(?:\\d{4}|[零〇一二三四五六七八九]{4})年|今年|明年|去年|前年)';
const DAY_WORD = '大后天|大前天|今天|今日|明天|明日|后天|昨天|昨日|前天|今晚|今早|明早|明晚|昨晚';
const WEEKDAY = '(?:这|本|下下|下|上上|上)?个?(?:周|星期|礼拜)[一二三四五六日天1-7]';
const WEEKEND = '(?:这|本|下|上)?个?周末';
const ISO_DATE = '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\d)';
const MONTH_DAY = `${YEAR}?${N}月${N}[日号]`;
// 3号楼, 5号线, 2号门 are places and 大一号, 3号色, 42号码 sizes and shades, not days.
const DAY_OF_MONTH = `(?<![大小加])${N}[日号](?![楼栋幢线门院库房机桌店口床位车馆厅仓单室座窗柜台色码档字球箱包鞋衣])`;
const PERIOD = '凌晨|早上|早晨|清晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|夜里|半夜';
const CLOCK = `\\d{1,2}:\\d{2}(?!\\d)|${N}[点时]钟?(?:半|一刻|三刻|整|${N}分?)?`;
const DURATION =
  '(?:\\d{1,3}|[零一二两三四五六七八九十百]{1,4}|半)(?:个(?<durHalf>半)?(?<durMonth>月)|个?(?<durHalf2>半)?(?<durUnit>秒钟|秒|分钟|小时|钟头|天|周|星期|礼拜|年(?!级|代)))' +
  '(?<durDir>以后|之后|后|以内|之内|内|以前|之前|前)?';
// 五月天 is a band, not May.
const MONTH = `(?:这个月|这月|本月|上个月|上月|下个月|下月|${YEAR}?${N}月份?)(?<monthPart>初|底|末|中旬|上旬|下旬|中)?(?!天)`;

const PATTERN = new RegExp(
  `(?<!第)(?:(?<![\\d:])(?=\\d)|(?!\\d))(?:(?<now>现在|此刻|此时)|(?<dur>${DURATION})` +
    `|(?<day>${ISO_DATE}|${MONTH_DAY}|${DAY_WORD}|${WEEKDAY}|${WEEKEND}|${DAY_OF_MONTH})(?:的?\\s?(?<p1>${PERIOD}))?(?:的?\\s?(?<c1>${CLOCK}))?` +
    `|(?<month>${MONTH})` +
    `|(?<p2>${PERIOD})\\s?(?<c2>${CLOCK})?` +
    `|(?<c3>${CLOCK}))`,
  'g',
);

const MONTH_DAY_PARTS = new RegExp(`^(${YEAR})?(${N})月(${N})[日号]$`);
const DAY_OF_MONTH_PARTS = new RegExp(`^(${N})[日号]$`);
const CLOCK_PARTS = new RegExp(`^(${N})[点时]钟?(半|一刻|三刻|整|(${N})分?)?$`);
const MONTH_PARTS = new RegExp(`^(${YEAR})?(${N})月份?$`);

const DAY_OFFSETS: Record<string, number> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 昨晚: -1, 今天: 0, 今日: 0, 今晚: 0, 今早: 0,
  明天: 1, 明日: 1, 明早: 1, 明晚: 1, 后天: 2, 大后天: 3,
};
const DAY_WORD_PERIOD: Record<string, string> = { 今晚: '晚上', 今早: '早上', 明早: '早上', 明晚: '晚上', 昨晚: '晚上' };
const PERIOD_HOURS: Record<string, [number, number]> = {
  凌晨: [0, 6], 早上: [6, 9], 早晨: [6, 9], 清晨: [5, 8], 上午: [9, 12], 中午: [11, 13], 午后: [13, 18],
  下午: [12, 18], 傍晚: [17, 19], 晚上: [18, 24], 晚间: [18, 24], 夜间: [20, 24], 夜里: [21, 24], 半夜: [23, 27],
};
const AFTERNOON = new Set(['午后', '下午', '傍晚', '晚上', '晚间', '夜间', '夜里']);
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 7: 7 };
const YEAR_OFFSETS: Record<string, number> = { 今年: 0, 明年: 1, 去年: -1, 前年: -2 };

function num(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseNumeral(text);
}

function parseYear(text: string | undefined, nowWall: number): number | undefined {
  const current = C.year(nowWall);
  if (!text) return current;
  const rel = YEAR_OFFSETS[text];
  if (rel !== undefined) return current + rel;
  return num(text.slice(0, -1));
}

type Day = { wall: number; spanDays: number; period?: string };

function resolveDay(text: string, nowWall: number): Day | undefined {
  const today = C.startOfDay(nowWall);
  const offset = DAY_OFFSETS[text];
  if (offset !== undefined) return { wall: C.addDays(today, offset), spanDays: 1, period: DAY_WORD_PERIOD[text] };

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));

  m = MONTH_DAY_PARTS.exec(text);
  if (m) {
    const year = parseYear(m[1], nowWall);
    const month = num(m[2] ?? '');
    const day = num(m[3] ?? '');
    return year === undefined || month === undefined || day === undefined ? undefined : calendarDay(year, month, day);
  }

  m = /^(这|本|下下|下|上上|上)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])$/.exec(text);
  if (m) {
    const weekday = WEEKDAYS[m[2] ?? ''] ?? 0;
    const weeks = { 这: 0, 本: 0, 下下: 2, 下: 1, 上上: -2, 上: -1 }[m[1] ?? ''] ?? 0;
    const monday = C.addDays(today, 1 - C.isoWeekday(today));
    let wall = C.addDays(monday, weeks * 7 + weekday - 1);
    // A bare 周三 means the coming one; 这周三 may lie in the past.
    if (m[1] === undefined && wall < today) wall = C.addDays(wall, 7);
    return { wall, spanDays: 1 };
  }

  m = /^(这|本|下|上)?个?周末$/.exec(text);
  if (m) {
    const weeks = { 这: 0, 本: 0, 下: 1, 上: -1 }[m[1] ?? ''] ?? 0;
    const saturday = C.addDays(today, 6 - C.isoWeekday(today) + weeks * 7);
    return { wall: saturday, spanDays: 2 };
  }

  m = DAY_OF_MONTH_PARTS.exec(text);
  if (m) {
    const day = num(m[1] ?? '');
    return day === undefined ? undefined : calendarDay(C.year(nowWall), C.month(nowWall), day);
  }
  return undefined;
}

function calendarDay(year: number, month: number, day: number): Day | undefined {
  return C.isValidDate(year, month, day) ? { wall: C.of(year, month, day), spanDays: 1 } : undefined;
}

const ENUMERATED = /^(?:建议|意见|问题|要求|原因|理由|事|需要|想法|疑问|说明|内容|不足|好处)/;

function parseClock(
  text: string,
  period: string | undefined,
  following = '',
): { hour: number; minute: number; exact: boolean } | undefined {
  let hour: number | undefined;
  let minute: number | undefined;
  let exact = false;
  const colon = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (colon) {
    hour = Number(colon[1]);
    minute = Number(colon[2]);
    exact = true;
  } else {
    const m = CLOCK_PARTS.exec(text);
    if (!m) return undefined;
    hour = num(m[1] ?? '');
    const tail = m[2];
    if (tail === '半') minute = 30;
    else if (tail === '一刻') minute = 15;
    else if (tail === '三刻') minute = 45;
    else if (m[3] !== undefined) minute = num(m[3]);
    else minute = 0;
    exact = tail !== undefined && tail !== '整';
    // 快一点 / 有一点 is "a little", and 三点建议 is a list: a bare 一点 or a 点 followed by such a
    // noun is not a time.
    if (period === undefined && tail === undefined && !text.includes('钟')) {
      if (m[1] === '一' || ENUMERATED.test(following)) return undefined;
    }
  }
  if (hour === undefined || minute === undefined || hour > 24 || minute > 59) return undefined;
  if (period !== undefined) {
    if (AFTERNOON.has(period) && hour < 12) hour += 12;
    else if (AFTERNOON.has(period) && hour === 12 && period !== '下午' && period !== '午后') hour = 24;
    else if (period === '中午' && hour >= 1 && hour <= 3) hour += 12;
    else if ((period === '凌晨' || period === '半夜') && hour === 12) hour = 0;
  }
  return { hour, minute, exact };
}

function entity(match: RegExpExecArray, value: DateTimeValue, confidence: number): Entity {
  return {
    type: 'datetime',
    value: value.start,
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    normalized: value,
    confidence,
  };
}

const SECONDS_PER_UNIT: Record<string, number> = {
  秒: 1, 秒钟: 1, 分钟: 60, 小时: 3600, 钟头: 3600, 天: 86400, 周: 604800, 星期: 604800, 礼拜: 604800,
};

type ResolvedDuration = { kind: 'point'; value: DateTimeValue } | { kind: 'length'; value: DurationValue };

function resolveDuration(g: Record<string, string | undefined>, dur: string, nowWall: number): ResolvedDuration | undefined {
  const unit = g.durMonth ?? g.durUnit ?? '';
  const dir = g.durDir;
  const head = /^(\d{1,3}|[零一二两三四五六七八九十百]{1,4}|半)/.exec(dur)?.[1] ?? '';
  const base = head === '半' ? 0.5 : num(head);
  if (base === undefined) return undefined;
  const amount = base + (g.durHalf || g.durHalf2 ? 0.5 : 0);
  const months = unit === '月' ? amount : unit === '年' ? amount * 12 : undefined;
  const seconds = months === undefined ? amount * (SECONDS_PER_UNIT[unit] ?? 0) : months * 30 * 86400;
  if (dir === undefined) return { kind: 'length', value: { seconds, unit } };

  const sign = dir.endsWith('前') ? -1 : 1;
  const within = dir.endsWith('内');
  const minuteNow = Math.floor(nowWall / 60_000) * 60_000;
  // Under a day, "后" means a moment; from a day up it means a calendar day.
  if (seconds < 86400 || (unit === '天' && !Number.isInteger(amount))) {
    const target = minuteNow + sign * seconds * 1000;
    const value: DateTimeValue = within ? { start: C.toIso(minuteNow), end: C.toIso(target), grain: 'minute' } : { start: C.toIso(target), grain: 'minute' };
    return { kind: 'point', value };
  }
  const today = C.startOfDay(nowWall);
  let target: number;
  if (months !== undefined) target = Number.isInteger(months) ? C.addMonths(today, sign * months) : C.addDays(today, sign * Math.round(months * 30));
  else target = C.addDays(today, sign * Math.round(seconds / 86400));
  const value: DateTimeValue = within
    ? { start: C.toIso(minuteNow), end: C.toIso(C.addDays(target, 1)), grain: 'day' }
    : { start: C.toIso(target), end: C.toIso(C.addDays(target, 1)), grain: 'day' };
  return { kind: 'point', value };
}

function resolveMonth(text: string, part: string | undefined, nowWall: number): DateTimeValue | undefined {
  const thisMonth = C.of(C.year(nowWall), C.month(nowWall), 1);
  const body = part ? text.slice(0, -part.length) : text;
  let first: number | undefined;
  if (/^(这个月|这月|本月)$/.test(body)) first = thisMonth;
  else if (/^(上个月|上月)$/.test(body)) first = C.addMonths(thisMonth, -1);
  else if (/^(下个月|下月)$/.test(body)) first = C.addMonths(thisMonth, 1);
  else {
    const m = MONTH_PARTS.exec(body);
    const year = parseYear(m?.[1], nowWall);
    const month = m ? num(m[2] ?? '') : undefined;
    if (year === undefined || month === undefined || month < 1 || month > 12) return undefined;
    first = C.of(year, month, 1);
  }
  const next = C.addMonths(first, 1);
  if (!part) return { start: C.toIso(first), end: C.toIso(next), grain: 'month' };
  // 初/上旬 = days 1–10, 中/中旬 = 11–20, 底/末/下旬 = 21 to the end, as Chinese calendars divide a month.
  if (part === '初' || part === '上旬') return { start: C.toIso(first), end: C.toIso(C.addDays(first, 10)), grain: 'day' };
  if (part === '中' || part === '中旬') return { start: C.toIso(C.addDays(first, 10)), end: C.toIso(C.addDays(first, 20)), grain: 'day' };
  return { start: C.toIso(C.addDays(first, 20)), end: C.toIso(next), grain: 'day' };
}

/**
 * Finds Chinese date and time mentions in already-folded text and resolves them against `now`
 * in Asia/Shanghai. Lengths of time without a direction ("倒计时十分钟", "等了三天") come back as
 * `duration` entities with `normalized: { seconds, unit }`.
 *
 * @example extractDateTimes('明天下午三点', new Date('2026-11-25T10:00:00+08:00'))[0]?.normalized
 * // → { start: '2026-11-26T15:00:00+08:00', grain: 'hour' }
 */
export function extractDateTimes(text: string, now: Date): Entity[] {
  const nowWall = C.fromInstant(now);
  const today = C.startOfDay(nowWall);
  const out: Entity[] = [];
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const g = m.groups ?? {};
    if (g.now !== undefined) {
      out.push(entity(m, { start: C.toIso(Math.floor(nowWall / 60_000) * 60_000), grain: 'minute' }, 0.8));
      continue;
    }
    if (g.dur !== undefined) {
      const resolved = resolveDuration(g, g.dur, nowWall);
      if (resolved?.kind === 'point') out.push(entity(m, resolved.value, 0.9));
      else if (resolved) out.push(durationEntity(m, resolved.value));
      continue;
    }
    if (g.month !== undefined) {
      const value = resolveMonth(g.month, g.monthPart, nowWall);
      if (value) out.push(entity(m, value, 0.85));
      continue;
    }
    let day: Day | undefined;
    if (g.day !== undefined) {
      day = resolveDay(g.day, nowWall);
      if (!day) continue;
    }
    const period = g.p1 ?? g.p2 ?? day?.period;
    const clockText = g.c1 ?? g.c2 ?? g.c3;
    const base = day?.wall ?? today;
    if (clockText !== undefined) {
      const clock = parseClock(clockText, period, text.slice(m.index + m[0].length, m.index + m[0].length + 2));
      if (!clock) {
        if (day) out.push(dayEntity(m, clockText, day));
        continue;
      }
      const wall = base + (clock.hour * 60 + clock.minute) * 60_000;
      out.push(entity(m, { start: C.toIso(wall), grain: clock.exact ? 'minute' : 'hour' }, day || period ? 0.9 : 0.7));
    } else if (period !== undefined) {
      // A bare 下午 with no day is too vague to act on.
      if (!day) continue;
      const [from, to] = PERIOD_HOURS[period] ?? [0, 24];
      out.push(entity(m, { start: C.toIso(base + from * 3600_000), end: C.toIso(base + to * 3600_000), grain: 'hour' }, 0.85));
    } else if (day) {
      // A bare 3号 is the likeliest to be something else (a size, a counter number).
      out.push(entity(m, dayValue(day), g.day !== undefined && DAY_OF_MONTH_PARTS.test(g.day) ? 0.75 : 0.9));
    }
  }
  return out;
}

function durationEntity(m: RegExpExecArray, value: DurationValue): Entity {
  return { type: 'duration', value: String(value.seconds), text: m[0], start: m.index, end: m.index + m[0].length, normalized: value, confidence: 0.85 };
}

function dayValue(day: Day): DateTimeValue {
  return { start: C.toIso(day.wall), end: C.toIso(C.addDays(day.wall, day.spanDays)), grain: 'day' };
}

/** When the clock part turned out not to be a time, keep just the day it was attached to. */
function dayEntity(m: RegExpExecArray, clockText: string, day: Day): Entity {
  const e = entity(m, dayValue(day), 0.85);
  const text = m[0].slice(0, m[0].length - clockText.length).trimEnd();
  return { ...e, text, end: e.start + text.length };
}
