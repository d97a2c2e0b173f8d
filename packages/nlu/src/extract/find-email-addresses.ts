import type { TextSpan } from './text-span.js';

// The lookbehind pins each match to the start of a run, so a long run without '@' costs one pass.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/**
 * Finds e-mail addresses in folded text; `value` is lower-cased.
 *
 * @example findEmailAddresses('发到 Zhang.San@Example.com 吧')[0]?.value // → 'zhang.san@example.com'
 */
export function findEmailAddresses(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(EMAIL)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[0].toLowerCase() });
  }
  return out;
}
