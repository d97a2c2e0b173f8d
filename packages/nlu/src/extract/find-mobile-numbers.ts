import type { TextSpan } from './text-span.js';

const MOBILE = /(?<![\d+])(?<prefix>(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;

/** A mainland mobile number; `prefix` is the +86 / 0086 country code as written, if any. */
export type MobileSpan = TextSpan & { prefix: string };

/**
 * Finds mainland China mobile numbers (1[3-9]x, 11 digits) in folded text, with optional +86 and
 * spaces or dashes between the 3-4-4 groups. `value` is the bare 11 digits.
 *
 * @example findMobileNumbers('电话 +86 138-1234-5678')[0]?.value // → '13812345678'
 */
export function findMobileNumbers(text: string): MobileSpan[] {
  const out: MobileSpan[] = [];
  for (const m of text.matchAll(MOBILE)) {
    const prefix = m.groups?.prefix ?? '';
    const value = m[0].slice(prefix.length).replace(/[ -]/g, '');
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value, prefix });
  }
  return out;
}
