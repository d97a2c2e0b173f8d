import { parseChineseNumeral } from './chinese-numeral.js';
import type { TextSpan } from './text-span.js';

const PERCENT = /(?<![\d.])(?<num>\d+(?:\.\d+)?)\s?%|百分之(?<cn>[零一二两三四五六七八九十百]{1,4})(?:点(?<frac>[零一二三四五六七八九]{1,3}))?/g;
const DIGIT = '零一二三四五六七八九';

/** A percentage; `percent` is the number before the % sign (50 for 50%). */
export type PercentSpan = TextSpan & { percent: number };

/**
 * Finds percentages in folded text: "50%", "12.5 %", "百分之五十", "百分之三点五".
 *
 * @example findPercentages('退款百分之三十')[0]?.percent // → 30
 */
export function findPercentages(text: string): PercentSpan[] {
  const out: PercentSpan[] = [];
  for (const m of text.matchAll(PERCENT)) {
    const g = m.groups ?? {};
    let percent: number | undefined;
    if (g.num !== undefined) percent = Number(g.num);
    else if (g.cn !== undefined) {
      const whole = parseChineseNumeral(g.cn);
      const frac = g.frac ? Number('0.' + Array.from(g.frac, (c) => DIGIT.indexOf(c)).join('')) : 0;
      if (whole !== undefined) percent = whole + frac;
    }
    if (percent === undefined) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: String(percent), percent });
  }
  return out;
}
