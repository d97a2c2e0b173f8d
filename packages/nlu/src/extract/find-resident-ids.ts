import { isValidLegacyResidentId, isValidResidentId } from './resident-id.js';
import type { TextSpan } from './text-span.js';

// 18 characters, optionally grouped 6-8-4 as people copy them from forms.
const ID_18 = /(?<![0-9A-Za-z])\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const ID_CONTEXT = /身份证|身份號|证件号|id\s?card|id\s?no/i;

/** A resident ID found in text; `legacy` marks the 15-digit form that has no check digit. */
export type ResidentIdSpan = TextSpan & { legacy: boolean };

/**
 * Finds resident IDs in folded text. 18-character IDs must pass the MOD 11-2 check and carry a
 * real birth date; 15-digit legacy IDs have no check digit, so they count only right after a
 * word like 身份证.
 */
export function findResidentIds(text: string): ResidentIdSpan[] {
  const out: ResidentIdSpan[] = [];
  for (const m of text.matchAll(ID_18)) {
    const value = m[0].replace(/[ -]/g, '').toUpperCase();
    if (isValidResidentId(value)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value, legacy: false });
  }
  for (const m of text.matchAll(ID_15)) {
    const before = text.slice(Math.max(0, m.index - 10), m.index);
    if (isValidLegacyResidentId(m[0]) && ID_CONTEXT.test(before)) {
      out.push({ start: m.index, end: m.index + 15, text: m[0], value: m[0], legacy: true });
    }
  }
  return out;
}
