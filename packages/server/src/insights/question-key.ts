import { normalizeText } from '@zhida/nlu';

/**
 * The comparison key of a question: normalised (繁→简, 全角→半角, no punctuation) and without spaces.
 * @example questionKey('發票 抬頭？') // '发票抬头'
 */
export function questionKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}
