import { InvalidInputError } from '../errors/nlu-error.js';
import { toSimplified } from './to-simplified.js';

/**
 * Longest input we analyse. Customer messages are short; anything longer is cut so a
 * pasted 100 KB log cannot make one parse cost seconds.
 */
export const MAX_INPUT_CHARS = 2000;

// Lone surrogates break NFKC and downstream native code (jieba), so they are replaced.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u2060-\u206F\uFEFF]/g;
const EMOJI = /[\uFFFD\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u20E3/gu;
// Punctuation and symbols become spaces; '.', '-', '@', '_', '/', ':', '+', '#', '%' inside tokens carry meaning (3.5, a-b, e-mail, 10:30, c++).
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const KEEP_INSIDE = new Set(['.', '-', '@', '_', '/', ':', '+', '#', '%', "'"]);

/**
 * Cleans text so that trivial variants map to one string: caps length, drops control
 * characters, lone surrogates and emoji, applies NFKC (全角→半角), converts Traditional to
 * Simplified Chinese, lowercases, turns punctuation into spaces and collapses whitespace.
 * Throws {@link InvalidInputError} only when given something that is not a string.
 * @example normalizeText('ＡＢＣ，請問  退貨😡') // 'abc 请问 退货'
 */
export function normalizeText(text: string): string {
  let s = cleanText(text).replace(EMOJI, ' ');
  s = s.normalize('NFKC');
  s = toSimplified(s).toLowerCase();
  s = s.replace(PUNCTUATION, (ch, offset: number, whole: string) =>
    KEEP_INSIDE.has(ch) && isWordChar(whole[offset - 1]) && isWordChar(whole[offset + 1]) ? ch : ' ',
  );
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The safe form of raw input: capped at {@link MAX_INPUT_CHARS}, lone surrogates replaced by
 * U+FFFD and control characters by spaces — one code unit for one, so offsets into the
 * result are offsets into the original. Throws {@link InvalidInputError} for non-strings.
 * @example cleanText('a\u0000b') // 'a b'
 */
export function cleanText(text: string): string {
  if (typeof text !== 'string') throw new InvalidInputError(`expected a string, got ${typeof text}`);
  const s = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ');
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}
