import type { Emotion } from './emotion.js';
import { EMOTION_LEXICON, type EmotionCue, type EmotionCueLabel } from './emotion-lexicon.js';
import { foldText } from './fold-text.js';
import { PhraseMatcher } from './phrase-matcher.js';

const CUES = EMOTION_LEXICON.reduce((m, c) => m.add(c.cue, c), new PhraseMatcher<EmotionCue>());

// Looked for right before a cue, within its clause. An intensifier may sit between negator and cue
// (不太满意, 不是很满意, not very happy).
const NEGATED = /(?:不|没|没有|别|并不|毫不|从不|not|never|isn't|wasn't|don't|didn't|doesn't)\s?(?:太|很|是很|是太|怎么|那么|算|够|特别|非常|大|very|really|so|too)?\s?$/;
// A worry or suspicion right before a word for being cheated: "别是骗子", "该不会是骗人的吧", "怕上当", "万一碰上骗子".
// Looked for like negation, within the cue's clause.
const WORRIED = /(?:别|该不会|不会|会不会|是不是|是否|怕|生怕|害怕|担心|恐怕|万一|小心|当心|提防|谨防|防止|以防|遇到|碰到|遇上|碰上)(?:是|又是|真是|就是|被|遇到|碰到|有)?[^,.;!?、，。；！？]{0,4}$/;
const INTENSIFIED = /(?:太|非常|真|真的|特别|超|超级|好|很|极其|十分|巨|最|so|very|really|extremely|super)\s?$/;
const CONTRAST = /但是|可是|不过|然而|(?<!不)但|\bbut\b|\bhowever\b/g;
const CLAUSE_BREAK = /[,.;!?、，。；！？\n]/;
const QUESTION_AFTER = /^[^,.;!?、，。；！？\n]{0,2}(?:吗|么|嘛|\?)/;
const CLAUSE_END = /^(?:呢|啊|呀|吧|了|啦)?\s*(?:[,.;!?、，。；！？\n]|$)/;
const REPEATED_CHAR = /(\p{Script=Han})\1{2,}|([a-z])\2{3,}/gu;
const SHOUTED_WORD = /\b[A-Z]{3,}\b/g;
// Below this much evidence a message reads as neutral.
const THRESHOLD = 0.8;

function precedingClause(text: string, start: number): string {
  let from = start;
  while (from > 0 && start - from < 8 && !CLAUSE_BREAK.test(text[from - 1] ?? '')) from--;
  return text.slice(from, start);
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Classifies the emotion of one customer message as anger, anxiety, satisfied or neutral, from
 * Chinese and English cue words with intensifiers (太/非常/真), negation (不满意 vs 满意, 不生气),
 * runs of ！！！/？？？, repeated characters (快快快), swear words and emoji. `score` is the strength
 * of the label in [0, 1] (for neutral: how clearly no emotion was found); `cues` name the evidence.
 *
 * @example detectEmotion('什么破服务，太垃圾了！！！') // → { label: 'anger', score: 0.9…, cues: ['什么破', '垃圾', '!!!'] }
 */
export function detectEmotion(text: string): Emotion {
  const folded = foldText(text, { lowerAscii: true });
  const sums: Record<EmotionCueLabel, number> = { anger: 0, anxiety: 0, satisfied: 0 };
  const cues: Record<EmotionCueLabel, string[]> = { anger: [], anxiety: [], satisfied: [] };
  const credit = (label: EmotionCueLabel, weight: number, cue: string): void => {
    sums[label] += weight;
    if (!cues[label].includes(cue)) cues[label].push(cue);
  };

  // What follows 但是 is what the customer means: "谢谢，但是太慢了" is a complaint.
  let contrastAt = -1;
  for (const m of folded.matchAll(CONTRAST)) contrastAt = m.index + m[0].length;

  for (const match of CUES.findAll(folded)) {
    const entry = match.values[0];
    if (!entry || entry.weight === 0) continue;
    if (entry.atClauseEnd && !CLAUSE_END.test(folded.slice(match.end, match.end + 4))) continue;
    // "好用吗" asks whether it is good; it says nothing about how the customer feels.
    if (entry.label === 'satisfied' && QUESTION_AFTER.test(folded.slice(match.end, match.end + 4))) continue;
    const cueText = text.slice(match.start, match.end);
    const before = precedingClause(folded, match.start);
    let weight = entry.weight;
    if (contrastAt >= 0) weight *= match.start >= contrastAt ? 1.3 : 0.6;
    if (entry.negation !== 'ignore' && NEGATED.test(before)) {
      if (entry.negation === 'flip') credit('anger', weight * 0.8, /^[\x20-\x7e]+$/.test(entry.cue) ? `not ${cueText}` : `不${cueText}`);
      continue;
    }
    if (INTENSIFIED.test(before)) weight *= 1.5;
    if (entry.deception && WORRIED.test(before)) {
      credit('anxiety', weight, cueText);
      continue;
    }
    credit(entry.label, weight, cueText);
  }

  const questions = longestRun(folded, '?');
  if (questions >= 2) {
    credit('anger', 0.6 + 0.2 * (Math.min(questions, 5) - 2), '?'.repeat(Math.min(questions, 3)));
    sums.anxiety *= 1.3;
  }
  for (const m of folded.matchAll(REPEATED_CHAR)) {
    const ch = m[1] ?? m[2] ?? '';
    if (ch === '急' || ch === '快' || ch === '催') credit('anxiety', 1, m[0]);
    else if (ch === '哈') credit('satisfied', 0.8, m[0]);
    else amplifyStrongest(sums, 1.2);
  }
  if (isShouting(text)) credit('anger', 0.8, 'CAPS');
  const bangs = longestRun(folded, '!');
  if (bangs >= 2) {
    const top = strongest(sums);
    if (sums[top] > 0) {
      sums[top] *= 1 + 0.15 * Math.min(bangs, 5);
      cues[top].push('!'.repeat(Math.min(bangs, 3)));
    } else if (bangs >= 3) credit('anger', THRESHOLD, '!!!');
  }

  const label = strongest(sums);
  const total = sums[label];
  if (total < THRESHOLD) return { label: 'neutral', score: round(1 - strength(total)), cues: [] };
  return { label, score: round(strength(total)), cues: cues[label] };
}

/** Two or more all-caps words, and most of the Latin letters upper-case: GHOST XP in a review is not shouting. */
function isShouting(text: string): boolean {
  if ((text.match(SHOUTED_WORD)?.length ?? 0) < 2) return false;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  const lower = text.match(/[a-z]/g)?.length ?? 0;
  return upper >= 8 && upper > 3 * lower;
}

function strongest(sums: Record<EmotionCueLabel, number>): EmotionCueLabel {
  let best: EmotionCueLabel = 'anger';
  for (const label of ['anxiety', 'satisfied'] as const) if (sums[label] > sums[best]) best = label;
  return best;
}

function amplifyStrongest(sums: Record<EmotionCueLabel, number>, factor: number): void {
  sums[strongest(sums)] *= factor;
}

/** Maps accumulated evidence onto [0, 1): one clear cue ≈ 0.6, several or intensified ≈ 0.8+. */
function strength(total: number): number {
  return 1 - Math.exp(-total / 2);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
