import { sharedJieba } from './shared-jieba.js';
import { stemEnglish } from './stem-english.js';

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN_WORD = /^[a-z][a-z']*$/;

/**
 * Splits normalised text into words: jieba for Chinese, whitespace for the rest, with
 * English words lightly stemmed and punctuation dropped.
 * @example tokenizeWords('我想退货 refunds') // ['我', '想', '退货', 'refund']
 */
export function tokenizeWords(normalized: string): string[] {
  if (normalized.length === 0) return [];
  const out: string[] = [];
  for (const raw of sharedJieba().cut(normalized, true)) {
    const token = raw.trim();
    if (token.length === 0 || !HAS_WORD_CHAR.test(token)) continue;
    out.push(LATIN_WORD.test(token) ? stemEnglish(token.replace(/'/g, '')) : token);
  }
  return out;
}
