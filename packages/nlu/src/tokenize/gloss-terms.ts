import { CHAT_SLANG } from './chat-slang.js';
import { ENGLISH_GLOSSARY } from './english-glossary.js';
import { GRIEVANCE_PHRASES } from './grievance-phrases.js';
import { SOCIAL_FORMULAE } from './social-formulae.js';
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
const LATIN_SLANG = new Map(Object.entries(CHAT_SLANG).filter(([k]) => /^[a-z0-9]+$/.test(k)));
// Longest first, so 咋整 wins over 咋.
const HAN_SLANG = Object.entries({ ...GRIEVANCE_PHRASES, ...SOCIAL_FORMULAE, ...CHAT_SLANG })
  .filter(([k]) => !/^[a-z0-9]+$/.test(k))
  .sort((a, b) => b[0].length - a[0].length);
const LATIN_TOKEN = /[a-z0-9]+/g;

/**
 * The plain Chinese wording of the English customer-service terms (longest phrase first) and of the
 * chat shorthand (3q, 886, 咋整, 木有) in normalised text, as one space-separated string ('' when
 * there are none). Lets a classifier trained on plain Chinese examples read "file a complaint" as
 * 投诉 and 3q as 谢谢.
 * @example glossTerms('file a complaint about delivery') // '投诉 配送 快递'
 */
export function glossTerms(normalized: string): string {
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
  for (const [token] of normalized.matchAll(LATIN_TOKEN)) {
    const plain = LATIN_SLANG.get(token);
    if (plain !== undefined) out.push(plain);
  }
  let rest = normalized;
  for (const [slang, plain] of HAN_SLANG) {
    if (!rest.includes(slang)) continue;
    out.push(plain);
    // Blank it out so that the 咋 inside 咋整 is not counted again.
    rest = rest.split(slang).join(' ');
  }
  return out.join(' ');
}
