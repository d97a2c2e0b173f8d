import { readClockTime } from './clock-time.js';
import { halfWidth } from './half-width.js';
import { toPlainText } from './plain-text.js';
import { spokenNumbersToDigits } from './spoken-numbers.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ORDINAL = /^(?:选|选择|我选|要|就)?(?:第)?([1-9]|10|[一二两三四五六七八九十])(?:个|项|种|条|号|个吧|吧)?$/;
const FRAGMENT_FILLER = /那个|这个|那一个|这一个|的|吧|我要|要|选|就|the|one/g;
const ENGLISH_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** A button as a matcher sees it: its label plus extra words that also pick it. */
export type Choice = { label: string; synonyms?: readonly string[] };

/**
 * Finds which offered button a reply picks: the label itself, its number ("2",
 * "第二个", "second"), or a synonym/label contained in the reply when only one fits.
 * Returns the index, or undefined when the reply picks nothing.
 * @example matchChoice('第二个', [{ label: '物流延迟' }, { label: '退货退款' }]) // 1
 */
export function matchChoice(text: string, choices: readonly Choice[]): number | undefined {
  const plain = toPlainText(text);
  if (plain === '') return undefined;
  const exact = choices.findIndex((c) => toPlainText(c.label) === plain || (c.synonyms ?? []).some((s) => toPlainText(s) === plain));
  if (exact >= 0) return exact;
  const ordinal = readOrdinal(plain);
  if (ordinal !== undefined) return ordinal >= 1 && ordinal <= choices.length ? ordinal - 1 : undefined;
  const superlative = readSuperlative(plain, choices.length);
  if (superlative !== undefined) return superlative;
  const mentioned = findMentionedChoice(text, choices);
  if (mentioned !== undefined) return mentioned;
  const byClock = matchClockTime(text, choices);
  if (byClock !== undefined) return byClock;
  const byNumber = matchNumber(text, choices);
  if (byNumber !== undefined) return byNumber;
  const byTime = matchTimeOfDay(text, choices);
  if (byTime !== undefined) return byTime;
  // "99元那个" picks "畅享 99 元": a distinctive fragment of exactly one label.
  const fragment = plain.replace(FRAGMENT_FILLER, '');
  if (fragment.length < 2) return undefined;
  const holders = choices.map((c, i) => ({ i, label: toPlainText(c.label) })).filter(({ label }) => label.includes(fragment));
  return holders.length === 1 ? holders[0]?.i : undefined;
}

/**
 * The one choice whose label or synonym (two characters or more) a longer message mentions,
 * e.g. "家里宽带上不了网" mentions "上不了网". Numbers and ordinals do not count here.
 * @example findMentionedChoice('我想预约办身份证', [{ label: '户籍业务' }, { label: '身份证办理', synonyms: ['身份证'] }]) // 1
 */
export function findMentionedChoice(text: string, choices: readonly Choice[]): number | undefined {
  const plain = toPlainText(text);
  const containing = choices
    .map((c, i) => ({ i, words: [c.label, ...(c.synonyms ?? [])].map(toPlainText).filter((w) => w.length >= 2) }))
    .filter(({ words }) => words.some((w) => plain.includes(w)));
  return containing.length === 1 ? containing[0]?.i : undefined;
}

function readOrdinal(plain: string): number | undefined {
  const english = ENGLISH_ORDINALS.findIndex((w) => [w, `the${w}`, `${w}one`, `the${w}one`].includes(plain));
  if (english >= 0) return english + 1;
  const m = ORDINAL.exec(plain);
  if (!m?.[1]) return undefined;
  return /\d/.test(m[1]) ? Number(m[1]) : CHINESE_DIGITS[m[1]];
}

// "最早的那个时间段", "最便宜的" is not read: only position words, which mean the same for any list.
const FIRST = /^(?:最早|最前面|最上面)(?:的|那个|那一?个|那场|那个时间段?|时段|的那个|的那一?个|的那场|的那个时间段?)*$/;
const LAST = /^(?:最晚|最迟|最后|最下面)(?:的|那个|那一?个|那场|那个时间段?|时段|的那个|的那一?个|的那场|的那个时间段?)*$/;

function readSuperlative(plain: string, count: number): number | undefined {
  if (count === 0) return undefined;
  if (FIRST.test(plain)) return 0;
  if (LAST.test(plain)) return count - 1;
  return undefined;
}

/** "上午九点那场", "10点那个", "下午两点的" pick the one time slot that starts then (or, failing that, contains it). */
function matchClockTime(text: string, choices: readonly Choice[]): number | undefined {
  const asked = readClockTime(text);
  if (asked === undefined) return undefined;
  const spans = choices.map((c) => [...halfWidth(c.label).matchAll(/(\d{1,2})[:：](\d{2})/g)].map((m) => Number(m[1]) * 60 + Number(m[2])));
  const starting = spans.flatMap((times, i) => (times[0] === asked ? [i] : []));
  if (starting.length === 1) return starting[0];
  const containing = spans.flatMap((times, i) => (times.length >= 2 && (times[0] ?? 0) <= asked && asked < (times[1] ?? 0) ? [i] : []));
  return containing.length === 1 ? containing[0] : undefined;
}

/** "每月二十九块的那个", "129那个": the one label holding that number as a whole number (29 is not in 129). */
function matchNumber(text: string, choices: readonly Choice[]): number | undefined {
  const numbers = [...halfWidth(spokenNumbersToDigits(text)).matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);
  if (numbers.length !== 1) return undefined;
  const [n] = numbers;
  const holders = choices.flatMap((c, i) => (new RegExp(`(?<![\\d.])${n?.replace('.', '\\.')}(?![\\d.])`).test(halfWidth(c.label)) ? [i] : []));
  return holders.length === 1 ? holders[0] : undefined;
}

const PERIODS: [RegExp, number, number][] = [
  [/上午|早上|早晨|morning/i, 0, 12],
  [/中午|noon/i, 11, 14],
  [/下午|afternoon/i, 12, 18],
  [/晚上|傍晚|evening/i, 18, 24],
];

/** "下午那个" picks the only time slot starting in the afternoon; buttons without a clock time never match. */
function matchTimeOfDay(text: string, choices: readonly Choice[]): number | undefined {
  const period = PERIODS.find(([pattern]) => pattern.test(text));
  if (!period) return undefined;
  const [, from, to] = period;
  const hits = choices
    .map((c, i) => ({ i, hour: /(\d{1,2})[:：]\d{2}/.exec(c.label)?.[1] }))
    .filter(({ hour }) => hour !== undefined && Number(hour) >= from && Number(hour) < to);
  return hits.length === 1 ? hits[0]?.i : undefined;
}
