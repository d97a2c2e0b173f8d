import { detectEmotion } from '../extract/detect-emotion.js';
import { detectRisk } from '../extract/detect-risk.js';
import { EMOTION_LEXICON, type EmotionCue } from '../extract/emotion-lexicon.js';
import { foldText } from '../extract/fold-text.js';
import { PhraseMatcher } from '../extract/phrase-matcher.js';
import { toSimplified } from '../normalize/to-simplified.js';
import { AFFECT_PHRASES, THREAT_KINDS, type AffectPhraseKind } from './affect-phrases.js';

const CUES = EMOTION_LEXICON.reduce((m, c) => m.add(c.cue, c), new PhraseMatcher<EmotionCue>());
const PHRASES = Object.entries(AFFECT_PHRASES).reduce(
  (m, [kind, phrases]) => phrases.reduce((acc, p) => acc.add(p, kind as AffectPhraseKind), m),
  new PhraseMatcher<AffectPhraseKind>(),
);
// "再不退款我就…", "不给解决就…", "要是…就…", "否则/不然…": an ultimatum, whatever the threatened step is.
const ULTIMATUM = /再不|不然|否则|要不然|(?:不|没)[^，。,.!?！？]{1,8}(?:我就|就去|就把|就要|我只能|我会)|(?:要是|如果|若)[^，。,.!?！？]{1,12}(?:就|只能)/;
// The customer commits to a step of their own: "我明天就去", "我会发到", "我已经打了".
const RESOLVE = /我(?:明天|今天|马上|这就|现在)?(?:就|会|要|已经|这就)(?:去|找|打|发|写|带|报|告|向|把|在)|我只能|我已经/;
// A question about how things work ("投诉的话要怎么操作", "销户一定要本人去吗") rather than a feeling.
const QUESTION_END = /(?:吗|么|呢|嘛|不|没|没有|啥|几天|多久|多少)\s*$/;
const HOW_TO = /怎么|怎样|如何|咋|哪里|在哪|哪儿|多久|几天|多少钱|是否|能否|能不能|可不可以|可以吗|是不是|要不要|\bhow\b|\bwhat\b|\bwhere\b|\bcan i\b/;
const CLAUSES = /[,.;!?、，。；！？\n]+/;
// The lexicon's own bar for "one unmistakable cue, or a complaint with ！！！".
const STRONG = 0.65;

/**
 * What the hand-written emotion and risk lexicons say about a message, as feature names for the emotion
 * and risk classifiers: the lexicon's verdict (`emotion:anger`, `emotion:anger:strong`), every cue kind present
 * whatever wins (`cue:satisfied` beside `cue:anger` is how sarcasm looks: "真是谢谢你们啊，让我白跑三趟"),
 * the risk level and reasons (`risk:high`, `reason:legal_threat`), and the ？ and ！ runs that
 * normalisation removes. Read from the text as written, since the lexicons use its punctuation and emoji.
 * A classifier weighs these against the words, so a lexicon hit informs the decision without dictating it.
 *
 * @example affectCues('真是谢谢你们啊，让我白跑三趟！！') // ['emotion:satisfied', 'cue:satisfied', 'mark:!!', …]
 */
export function affectCues(raw: string): string[] {
  const out: string[] = [];
  // The lexicons fold only common Traditional characters; "什麼鬼套餐" and "好緊張" need the full table.
  const text = toSimplified(raw);
  const emotion = detectEmotion(text);
  if (emotion.label !== 'neutral') {
    out.push('emotion:' + emotion.label);
    if (emotion.score >= STRONG) out.push(`emotion:${emotion.label}:strong`);
  }
  const folded = foldText(text, { lowerAscii: true });
  const kinds = new Set<string>();
  for (const match of CUES.findAll(folded)) {
    const cue = match.values[0];
    if (cue && cue.weight > 0) kinds.add(cue.label);
  }
  for (const kind of [...kinds].sort()) out.push('cue:' + kind);
  const phrases = new Set<AffectPhraseKind>();
  for (const match of PHRASES.findAll(folded)) for (const kind of match.values) phrases.add(kind);
  for (const kind of [...phrases].sort()) out.push('phrase:' + kind);
  if (ULTIMATUM.test(folded)) out.push('ultimatum');
  if (RESOLVE.test(folded)) out.push('resolve');
  const risk = detectRisk(text);
  if (risk.level !== 'none') out.push('risk:' + risk.level);
  for (const reason of risk.reasons) out.push('reason:' + reason);
  // One flag shared by every kind of threat, so a kind with few examples (violence) borrows the weight of the others.
  // Repeated contact (第三次打电话) is impatience, not a threat.
  const threatReason = risk.reasons.some((r) => r === 'regulator_complaint' || r === 'media_exposure' || r === 'legal_threat');
  if (threatReason || [...phrases].some((k) => THREAT_KINDS.has(k))) out.push('threat');
  const lastClause = folded.split(CLAUSES).filter((c) => c.trim().length > 0).at(-1) ?? '';
  // What a customer ends on is usually what they mean: "本来想投诉的，结果当天就修好了，谢谢".
  if (lastClause.length > 0 && lastClause.length < folded.length) {
    const end = detectEmotion(lastClause);
    if (end.label !== 'neutral') out.push('last:' + end.label);
  }
  if (QUESTION_END.test(lastClause) || /[?？]\s*$/.test(text)) out.push('question');
  if (HOW_TO.test(folded)) out.push('how_to');
  if (/[?？]/.test(text)) out.push(/[?？]{2}/.test(text) ? 'mark:??' : 'mark:?');
  if (/[!！]/.test(text)) out.push(/[!！]{2}/.test(text) ? 'mark:!!' : 'mark:!');
  return out;
}
