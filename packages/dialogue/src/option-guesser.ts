import { normalizeText, tokenizeWords } from '@zhida/nlu';
import { halfWidth } from './half-width.js';
import type { OptionVocabulary } from './option-vocabulary.js';
import { toPlainText } from './plain-text.js';
import { stripDenials } from './strip-denials.js';

/**
 * How surely a free answer picks an option: `sure` is taken; `alone` — no other option comes close at all — is taken
 * with the option named back, so a misreading can be corrected; otherwise the customer is asked "是『…』吗？".
 */
export type OptionGuess = { index: number; sure: boolean; alone: boolean; score: number };

// A word of the option in the answer is a sure sign; a partial overlap only earns a question back.
const SURE = 0.95;
const UNSURE = 0.45;
const MARGIN = 0.2;

/**
 * Maps a customer's own words to the closest of the options they were asked to choose from ("收到的颜色和图片差太多"
 * → 与描述不符), by how much of each option's words (label, synonyms, knowledge-graph names) the answer contains:
 * a whole word counts fully, a longer word by the share of its character pairs found, a two-character word
 * whose characters stand close together in any order by half, a one-character word
 * ("慢", "坏") only as a whole jieba word of the answer. Clauses the answer denies ("卡没丢，是…") are left out.
 * Returns undefined when no option is close, or two are equally close.
 * @example guessOption('实物颜色跟图片不一样', options, vocabulary) // { index: 2, sure: true, score: 1.1 }
 */
export function guessOption(text: string, options: readonly { label: string; synonyms: readonly string[] }[], vocabulary: OptionVocabulary): OptionGuess | undefined {
  if (options.length === 0) return undefined;
  // "I'll drop it off myself, no pickup needed": the English words denied are left out too, as long as the rest
  // still points somewhere ("I don't need it anymore" is itself the answer).
  const withoutEnglishDenials = text.replace(ENGLISH_DENIAL, ' ');
  return (withoutEnglishDenials !== text ? guessAmong(withoutEnglishDenials, options, vocabulary) : undefined) ?? guessAmong(text, options, vocabulary);
}

// "no pickup needed", "don't need a pickup", "not a courier": a word the customer rules out.
const ENGLISH_DENIAL = /\b(?:no|not|don'?t|do not|never|without)\s+(?:(?:need|want)\s+)?(?:(?:a|an|the|any)\s+)?[a-z-]+(?:\s+needed)?/gi;

function guessAmong(text: string, options: readonly { label: string; synonyms: readonly string[] }[], vocabulary: OptionVocabulary): OptionGuess | undefined {
  const affirmed = stripDenials(text);
  const plain = toPlainText(affirmed);
  if (plain.length < 2) return undefined;
  const words = new Set(tokenizeWords(normalizeText(affirmed)));
  const latin = halfWidth(affirmed).toLowerCase();
  const scores = vocabulary
    .termsFor(options)
    // The vocabulary's words lose their spaces, so English phrases are read from the options' own synonyms.
    .map((terms, index) => ({ index, score: Math.max(scoreTerms(plain, words, terms), ...(options[index]?.synonyms ?? []).map((s) => phrasalVerb(latin, s))) }))
    .sort((a, b) => b.score - a.score);
  const [best, next] = scores;
  if (!best || best.score < UNSURE || (next && best.score - next.score < MARGIN)) return undefined;
  return { index: best.index, sure: best.score >= SURE, alone: (next?.score ?? 0) === 0, score: best.score };
}

/** The best single match among the option's words, plus a little for each further word found. */
function scoreTerms(plain: string, words: ReadonlySet<string>, terms: readonly string[]): number {
  const matches = terms.map((t) => scoreTerm(plain, words, t)).sort((a, b) => b - a);
  const [top = 0, ...rest] = matches;
  return top + 0.05 * rest.filter((m) => m >= SURE).length;
}

function scoreTerm(plain: string, words: ReadonlySet<string>, term: string): number {
  if (term.length === 1) return words.has(term) ? 1 : 0;
  if (plain.includes(term)) return 1;
  // "一点网都没有" for 没网: both characters of a two-character word, close together in any order — worth asking back.
  if (term.length === 2) return nearTogether(plain, term) ? 0.5 : 0;
  const pairs = charPairs(term);
  const found = pairs.filter((p) => plain.includes(p)).length;
  return (0.8 * found) / pairs.length;
}

/** "pick it up" for the synonym "pick up", "drop the box off" for "drop off": an English phrase with up to two words put in between. */
function phrasalVerb(latin: string, synonym: string): number {
  const parts = synonym.toLowerCase().split(/\s+/);
  if (parts.length < 2 || !parts.every((p) => /^[a-z']+$/.test(p))) return 0;
  const between = String.raw`\s+(?:[a-z']+\s+){0,2}`;
  return new RegExp(String.raw`\b${parts.join(between)}\b`).test(latin) ? 1 : 0;
}

function nearTogether(plain: string, term: string): boolean {
  const [a = '', b = ''] = [...term];
  const at = (c: string): number[] => [...plain].flatMap((ch, i) => (ch === c ? [i] : []));
  return /\p{Script=Han}{2}/u.test(term) && at(a).some((i) => at(b).some((j) => i !== j && Math.abs(i - j) <= 3));
}

function charPairs(word: string): string[] {
  const chars = [...word];
  return chars.slice(1).map((c, i) => `${chars[i]}${c}`);
}
