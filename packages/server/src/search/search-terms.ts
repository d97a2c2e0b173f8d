import { MAX_INPUT_CHARS, normalizeText, tokenizeWords } from '@zhida/nlu';
import { FUNCTION_CHARS, FUNCTION_WORDS } from './function-words.js';

const HAN_RUN = /\p{Script=Han}+/gu;
// normalizeText caps its input, so long article bodies are normalised in pieces cut at sentence ends.
const PIECE_CHARS = Math.min(1500, MAX_INPUT_CHARS);
const SENTENCE_END = /(?<=[。！？!?；;\n])/u;

/**
 * Index terms of any text: jieba words plus `#`-prefixed Chinese character
 * bigrams (robust to segmentation differences), after 繁→简 / 全角→半角
 * normalisation, without function words. Queries and documents go through
 * the same function.
 * @example searchTerms('怎么退貨') // ['退货', '#退货']
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const piece of pieces(text)) {
    const normalized = normalizeText(piece);
    for (const word of tokenizeWords(normalized)) if (!FUNCTION_WORDS.has(word)) terms.push(word);
    for (const run of normalized.matchAll(HAN_RUN)) {
      const chars = [...run[0]];
      for (let i = 0; i + 1 < chars.length; i++) {
        if (!FUNCTION_CHARS.has(chars[i]!) && !FUNCTION_CHARS.has(chars[i + 1]!)) terms.push('#' + chars[i] + chars[i + 1]);
      }
    }
  }
  return terms;
}

function pieces(text: string): string[] {
  if (text.length <= PIECE_CHARS) return [text];
  const out: string[] = [];
  let current = '';
  for (let sentence of text.split(SENTENCE_END)) {
    // A sentence longer than a piece is cut hard; only the bigram at the cut is lost.
    while (sentence.length > PIECE_CHARS) {
      if (current) out.push(current);
      current = '';
      out.push(sentence.slice(0, PIECE_CHARS));
      sentence = sentence.slice(PIECE_CHARS);
    }
    if (current.length + sentence.length > PIECE_CHARS) {
      out.push(current);
      current = '';
    }
    current += sentence;
  }
  if (current) out.push(current);
  return out;
}
