import { parseChineseNumeral } from '../extract/chinese-numeral.js';
import { normalizeText } from '../normalize/normalize-text.js';
import { splitPassageSentences } from './answer-trimmer.js';
import { CHINESE_STOP_CHARACTERS } from './chinese-stop-characters.js';

export type GroundingReason = 'supported' | 'low_overlap' | 'number_not_in_sources' | 'negation_mismatch';
export type SentenceGrounding = { text: string; supported: boolean; reason: GroundingReason; /** Share of the sentence's content bigrams found in the best source (0–1). */ overlap: number };
export type GroundingVerdict = { grounded: boolean; sentences: SentenceGrounding[] };
export type GroundingOptions = { /** A sentence needs at least this share of its content bigrams in one source passage (default 0.6). */ minOverlap?: number };

const CITATION_LINE = /^(来源|出处|参考|source|sources)\s*[:：]/i;
const HAN_RUN = /\p{Script=Han}+/gu;
const ARABIC_NUMBER = /\d+(?:\.\d+)?/g;
// A Chinese numeral counts as a number only before a measure word: "七天", "十五个工作日" — not "一般", "一次性".
const CHINESE_NUMBER = /([零〇一二两三四五六七八九十百千万]+)(?=个?(?:天|年|月|日|元|次|期|周|倍|张|件|岁|条|层|小时|分钟|工作日|自然日|公里|积分|分)(?!性))/g;
const NEGATION = /不|没|无|非|未|别|勿|禁止/g;
// Modal verbs a negation stands before: the statement negated is the verb after them.
const MODAL = new Set('能可会得要用需是予');

/**
 * Whether every sentence of a generated answer is supported by the passages it was generated from: most of its
 * content (character bigrams) appears in one passage, each number it states appears in the passages, and its
 * negations agree with the passage sentence that supports it ("不支持" stays "不支持"). Citation lines are skipped.
 * An answer with no checkable sentence is not grounded.
 * @example checkGrounding('生鲜商品不支持七天无理由退货。', ['生鲜水果不支持七天无理由退货。']).grounded // true
 * @example checkGrounding('生鲜商品支持七天无理由退货。', ['生鲜水果不支持七天无理由退货。']).grounded // false
 */
export function checkGrounding(answer: string, sources: readonly string[], options: GroundingOptions = {}): GroundingVerdict {
  const minOverlap = options.minOverlap ?? 0.6;
  const sourceNumbers = new Set(sources.flatMap(numbersIn));
  const sourceSentences = sources.map((s) => splitPassageSentences(s).map((x) => x.text));
  const sourceBigrams = sources.map((s) => new Set(contentBigrams(s)));
  const sentences: SentenceGrounding[] = [];
  for (const { text } of splitPassageSentences(answer)) {
    if (CITATION_LINE.test(text) || /^《[^》]*》[^。]*$/.test(text)) continue;
    const bigrams = [...new Set(contentBigrams(text))];
    if (bigrams.length === 0 && numbersIn(text).length === 0) continue;
    let best = -1;
    let overlap = 0;
    sourceBigrams.forEach((set, i) => {
      const share = bigrams.length === 0 ? 1 : bigrams.filter((b) => set.has(b)).length / bigrams.length;
      if (share > overlap) [overlap, best] = [share, i];
    });
    const verdict = (reason: GroundingReason): SentenceGrounding => ({ text, supported: reason === 'supported', reason, overlap: round(overlap) });
    if (overlap < minOverlap || best < 0) {
      sentences.push(verdict('low_overlap'));
      continue;
    }
    if (numbersIn(text).some((n) => !sourceNumbers.has(n))) {
      sentences.push(verdict('number_not_in_sources'));
      continue;
    }
    sentences.push(verdict(negationsAgree(text, sourceSentences[best]!, sources[best]!) ? 'supported' : 'negation_mismatch'));
  }
  return { grounded: sentences.length > 0 && sentences.every((s) => s.supported), sentences };
}

/** The numbers a text states, as canonical strings: "7", "15", "0.05". */
export function numbersIn(text: string): string[] {
  const s = text.normalize('NFKC');
  const out = [...s.matchAll(ARABIC_NUMBER)].map((m) => String(Number(m[0])));
  for (const m of s.matchAll(CHINESE_NUMBER)) {
    const value = parseChineseNumeral(m[1]!);
    if (value !== undefined) out.push(String(value));
  }
  return out;
}

function contentBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    for (let i = 0; i + 1 < chars.length; i++) {
      // A bigram of two function characters ("您可", "可以") says nothing about the facts.
      if (CHINESE_STOP_CHARACTERS.has(chars[i]!) && CHINESE_STOP_CHARACTERS.has(chars[i + 1]!)) continue;
      out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

/**
 * Every negation the answer sentence makes ("不" + the word it negates) is made in the supporting passage, and a
 * negated statement of the passage sentence closest to it is not stated there without its negation.
 */
function negationsAgree(sentence: string, passageSentences: readonly string[], passage: string): boolean {
  const said = normalizeText(sentence).replace(/\s/g, '');
  const source = normalizeText(passage).replace(/\s/g, '');
  for (const m of said.matchAll(NEGATION)) {
    const negated = said.slice(m.index, m.index + m[0].length + 2);
    if (negated.length > m[0].length && !source.includes(negated)) return false;
  }
  const closest = closestSentence(said, passageSentences);
  for (const m of closest.matchAll(NEGATION)) {
    const after = m.index + m[0].length;
    // "不能兑换" is negated "能兑" and, past the modal, "兑换": "可以兑换" says the latter without the negation.
    const words = [closest.slice(after, after + 2)];
    if (MODAL.has(closest[after] ?? '')) words.push(closest.slice(after + 1, after + 3));
    for (const word of words) {
      if (word.length < 2) continue;
      const at = said.indexOf(word);
      if (at < 0) continue;
      // The word is said; flipped when no negation stands right before it.
      const before = said.slice(Math.max(0, at - 4), at);
      if (!new RegExp(NEGATION.source).test(before)) return false;
    }
  }
  return true;
}

function closestSentence(said: string, sentences: readonly string[]): string {
  const bigrams = new Set(contentBigrams(said));
  let best = '';
  let bestShare = -1;
  for (const s of sentences) {
    const own = contentBigrams(s);
    const share = own.length === 0 ? 0 : own.filter((b) => bigrams.has(b)).length / own.length;
    if (share > bestShare) [bestShare, best] = [share, normalizeText(s).replace(/\s/g, '')];
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
