import { stemEnglish } from '../tokenize/stem-english.js';
import { tokenizeWords } from '../tokenize/tokenize-words.js';
import { CHINESE_STOP_CHARACTERS } from './chinese-stop-characters.js';
import { ENGLISH_STOPWORDS } from './english-stopwords.js';
import { plainQuestionWords } from './plain-question-words.js';

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The lexical terms of a normalised text that FAQ and passage retrieval index: jieba words (stemmed English
 * without stopwords, synonyms folded to their group's first member), and with `charBigrams` the Chinese character
 * bigrams (`#退货`) and with `charUnigrams` the non-function characters (`$退`), robust to segmentation differences.
 * @example retrievalTerms('运费谁出', new Map(), true, true) // ['运费', '谁', '出', '#运费', '#费谁', '#谁出', '$运', '$费', …]
 */
export function retrievalTerms(text: string, synonymOf: ReadonlyMap<string, string>, charBigrams: boolean, charUnigrams: boolean): string[] {
  const normalized = plainQuestionWords(text);
  const terms: string[] = [];
  for (const word of tokenizeWords(normalized)) {
    if (ENGLISH_STOPWORDS.has(word) || ENGLISH_STOPWORDS.has(stemEnglish(word))) continue;
    terms.push(synonymOf.get(word) ?? word);
  }
  if (charBigrams) {
    for (const run of normalized.matchAll(HAN_RUN)) {
      const chars = [...run[0]];
      for (let i = 0; i + 1 < chars.length; i++) terms.push('#' + chars[i] + chars[i + 1]);
      if (charUnigrams) for (const ch of chars) if (!CHINESE_STOP_CHARACTERS.has(ch)) terms.push('$' + ch);
    }
  }
  return terms;
}
