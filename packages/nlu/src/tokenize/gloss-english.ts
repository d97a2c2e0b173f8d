import { ENGLISH_GLOSSARY } from './english-glossary.js';
import { stemEnglish } from './stem-english.js';

const MAX_PHRASE_WORDS = 4;
// English words, and the gap between two of them when it is only spaces (a phrase may span it).
const ENGLISH_RUN = /[a-z][a-z']*(?:\s+[a-z][a-z']*)*/g;

const stemPhrase = (phrase: string): string =>
  phrase
    .split(/\s+/)
    .map((w) => stemEnglish(w.replace(/'/g, '')))
    .join(' ');

const STEMMED_GLOSSARY = new Map(Object.entries(ENGLISH_GLOSSARY).map(([en, zh]) => [stemPhrase(en), zh]));

/**
 * The Chinese wording of the English customer-service terms in normalised text, longest phrase
 * first, as one space-separated string ('' when there are none). Lets a classifier trained on
 * Chinese examples read "file a complaint" as 投诉.
 * @example glossEnglish('file a complaint about delivery') // '投诉 配送 快递'
 */
export function glossEnglish(normalized: string): string {
  const out: string[] = [];
  for (const run of normalized.matchAll(ENGLISH_RUN)) {
    const words = run[0].split(/\s+/).map((w) => stemEnglish(w.replace(/'/g, '')));
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && matched === 0; n--) {
        const zh = STEMMED_GLOSSARY.get(words.slice(i, i + n).join(' '));
        if (zh !== undefined) {
          out.push(zh);
          matched = n;
        }
      }
      i += matched > 0 ? matched : 1;
    }
  }
  return out.join(' ');
}
