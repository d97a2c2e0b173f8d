const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 幺: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters that can appear in a Chinese numeral, for building patterns. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹幺二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/**
 * Parses a Chinese numeral, including the colloquial forms customers type.
 * Returns undefined when the string is not a well-formed numeral.
 *
 * @example parseChineseNumeral('一万二') // → 12000 (the trailing digit takes the next lower unit)
 * @example parseChineseNumeral('两千零五') // → 2005
 * @example parseChineseNumeral('二〇二四') // → 2024 (digit by digit, as years are written)
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (text.length === 0 || text.length > 24) return undefined;
  let hasUnit = false;
  for (const ch of text) {
    if (ch in SMALL_UNITS || ch in BIG_UNITS) hasUnit = true;
    else if (!(ch in DIGITS)) return undefined;
  }
  if (!hasUnit) {
    // Digit-by-digit reading: 二〇二四, 幺三八.
    let n = 0;
    for (const ch of text) n = n * 10 + (DIGITS[ch] ?? 0);
    return n;
  }

  let total = 0; // completed 亿 groups
  let section = 0; // completed 万 group
  let group = 0; // below 万
  let digit: number | undefined;
  let lastUnit = 0; // the unit just applied, for colloquial 一万二 / 三百五
  let zeroSinceUnit = false;
  let prevWasDigit = false;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (prevWasDigit && d !== 0 && digit !== 0 && digit !== undefined) return undefined; // 三五百
      if (d === 0) zeroSinceUnit = true;
      else digit = d;
      prevWasDigit = true;
      continue;
    }
    prevWasDigit = false;
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      // 十五 means 一十五; other units need an explicit digit.
      const n = digit ?? (small === 10 && group === 0 && section === 0 && total === 0 ? 1 : undefined);
      if (n === undefined) return undefined;
      if (lastUnit !== 0 && lastUnit <= small && lastUnit < 1e4) return undefined; // 三十百
      group += n * small;
      digit = undefined;
      lastUnit = small;
      zeroSinceUnit = false;
      continue;
    }
    const big = BIG_UNITS[ch] ?? 0;
    const value = group + (digit ?? 0);
    if (value === 0 && section === 0 && total === 0) return undefined; // a bare 万
    if (big === 1e8) {
      total = (total + section + value) * 1e8;
      section = 0;
    } else {
      if (section !== 0 && lastUnit === 1e4) return undefined; // 万万
      section = value * 1e4;
    }
    group = 0;
    digit = undefined;
    lastUnit = big;
    zeroSinceUnit = false;
  }
  if (digit !== undefined) {
    group += !zeroSinceUnit && lastUnit >= 10 ? (digit * lastUnit) / 10 : digit;
  }
  return total + section + group;
}
