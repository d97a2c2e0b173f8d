import { halfWidth } from './half-width.js';
import { spokenNumbersToDigits } from './spoken-numbers.js';

// "上午九点", "下午两点半", "10点那个", "9:30", "十点一刻" — a clock time as customers type it.
const SPOKEN_TIME = /(上午|早上|早晨|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*(?:[:：](\d{2})|点|时)(半|一刻|(\d{1,2})分?)?/;

/**
 * The clock time a message names, in minutes after midnight; afternoon words, or no period word with 1–6 o'clock,
 * mean the afternoon.
 * @example readClockTime('下午两点的') // 840
 * @example readClockTime('上午九点那场') // 540
 */
export function readClockTime(text: string): number | undefined {
  const m = SPOKEN_TIME.exec(spokenNumbersToDigits(halfWidth(text)));
  if (!m?.[2]) return undefined;
  let hour = Number(m[2]);
  if (hour > 24) return undefined;
  if (m[1] && /中午|下午|傍晚|晚上/.test(m[1]) && hour < 12) hour += 12;
  // Without a period word, "三点半" is read in office hours: nobody books 3 a.m.
  if (!m[1] && hour >= 1 && hour <= 6) hour += 12;
  const minute = m[3] !== undefined ? Number(m[3]) : m[4] === '半' ? 30 : m[4] === '一刻' ? 15 : m[5] !== undefined ? Number(m[5]) : 0;
  return minute < 60 ? hour * 60 + minute : undefined;
}
