import type { TextSpan } from './text-span.js';

// Province abbreviation, issuing-office letter, then five characters (six for new-energy plates).
// I and O never appear on plates; the last character may be 挂/学/警/港/澳 on special plates.
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE = new RegExp(
  `(?<![A-Za-z0-9北南东西天四重最更全])[${PROVINCES}][A-HJ-NP-Z][·\\s-]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])`,
  'gu',
);

/**
 * Finds mainland licence plates in folded text: 京A12345, 粤B·D12345 (new energy), 沪A1234学.
 * `value` drops the separator. A province character that ends a common word (北京, 四川, 最新) does
 * not start a plate.
 *
 * @example findLicencePlates('车牌京A12345违章了')[0]?.value // → '京A12345'
 */
export function findLicencePlates(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(PLATE)) {
    const value = m[0].replace(/[·\s-]/g, '');
    // A plate has at most two letters after the office letter; 京ABCDEF is a word, not a plate.
    if ((value.slice(2).match(/[A-Z]/g)?.length ?? 0) > 2) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value });
  }
  return out;
}
