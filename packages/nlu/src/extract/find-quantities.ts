import { parseChineseNumeral } from './chinese-numeral.js';
import type { TextSpan } from './text-span.js';

// Measure words for goods. 块 is left out on purpose: 三块 is money far more often than pieces.
const UNITS = '件|个|台|箱|瓶|盒|双|份|包|条|张|只|支|套|袋|斤|公斤|千克|kg|克|部|本|杯|罐|桶|卷|把|对|打';
const QUANTITY = new RegExp(
  `(?<![\\d.第])(?<num>\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千]{1,6})\\s?(?<unit>${UNITS})(?!月|小时|星期|礼拜|工作日|钟头|多月)`,
  'gi',
);

/** A count of goods: "3件", "两箱", "5 kg". */
export type QuantitySpan = TextSpan & { amount: number; unit: string };

/**
 * Finds quantities of goods in folded text. "一个" on its own is an article, not a count, and is skipped.
 *
 * @example findQuantities('买了两箱牛奶')[0] // → { amount: 2, unit: '箱', … }
 */
export function findQuantities(text: string): QuantitySpan[] {
  const out: QuantitySpan[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const num = m.groups?.num ?? '';
    const unit = (m.groups?.unit ?? '').toLowerCase();
    if (num === '一' && unit === '个') continue;
    const amount = /^\d/.test(num) ? Number(num) : parseChineseNumeral(num);
    if (amount === undefined) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: String(amount), amount, unit });
  }
  return out;
}
