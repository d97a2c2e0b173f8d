import { detectEmotion } from './detect-emotion.js';
import { foldText } from './fold-text.js';
import { PhraseMatcher } from './phrase-matcher.js';
import type { Risk, RiskReason } from './risk.js';
import { RISK_LEXICON, type RiskCue } from './risk-lexicon.js';

const CUES = RISK_LEXICON.reduce((m, c) => m.add(c.cue, c), new PhraseMatcher<RiskCue>());

const CLAUSE_BREAK = /[,.;!?、，。；！？\n]/;
// "我不会投诉的", "不用报警": the customer rules the step out.
const RULED_OUT =
  /(?:(?:不会|不想|不打算|没打算|不准备|没想|没想过|不用|不必|无需|不需要|并不|没有要|不至于|不是要|没说要|不要|用不着)[^不]{0,6}|不|没|别|(?:won't|will not|not going to|don't want to|no need to|never)\s(?:[a-z']+\s){0,3})$/;
// "12315是什么", "消协电话多少": asking about the route rather than threatening to take it.
const ASKING_AFTER = /^(?:\S{0,2})(?:是什么|是啥|是哪|是多少|怎么打|怎么投诉|怎么联系|电话|号码|在哪|有用吗|管不管|能管吗|管用吗)|^(?:\S{0,2})(?:吗|么|嘛)\s?$|^\S{0,2}\?/;
const ASKING_BEFORE = /(?:(?:什么是|啥是|请问|怎么联系|怎么找|需要|要不要|用不用|该不该|是否|能不能|可不可以)\S{0,2}|how (?:do|can) i (?:[a-z]+ )?|how to (?:[a-z]+ )?)$/;
const ACTION_BEFORE = /(?:找|联系|发到?|挂到?|曝光到?|告诉|上|投稿给?|爆料给?|捅到|让)\S{0,2}$/;
const HOTLINE_ACTION = /打|拨|投诉|举报|热线|找|反映|反应|告|申诉/;
const NTH_TIME = /第\s?([三四五六七八九十]|[3-9]|\d{2})\s?次|(?:催|问|打|联系|找|反映|说|讲)了\s?([三四五六七八九十]|[3-9]|\d{2})\s?(?:次|遍)/g;
const CONTACT_VERB = /联系|打电话|打了|问|催|找|反映|咨询|说|讲|投诉/;
const HIGH: readonly RiskReason[] = ['regulator_complaint', 'media_exposure', 'legal_threat', 'self_harm', 'repeated_escalation'];
const REASON_ORDER: readonly RiskReason[] = [...HIGH, 'complaint_intent', 'strong_anger'];
// Anger at least this strong (one unmistakable insult, or a complaint with ！！！) needs a human soon.
const STRONG_ANGER = 0.65;
// Anger strong enough to count towards repeated escalation across turns.
const ANGRY = 0.5;
const ANGRY_HISTORY_NEEDED = 2;
const HISTORY_LOOKBACK = 10;
const CLAUSE_WINDOW = 16;

/** The clause around a cue, capped so a 100 KB message without punctuation stays linear. */
function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  let from = start;
  while (from > 0 && start - from < CLAUSE_WINDOW && !CLAUSE_BREAK.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && to - end < CLAUSE_WINDOW && !CLAUSE_BREAK.test(text[to] ?? '')) to++;
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

function angerOf(message: string): number {
  const e = detectEmotion(message);
  return e.label === 'anger' ? e.score : 0;
}

/**
 * Decides whether a conversation needs escalation. High: threats to go to a regulator (12315,
 * 工信部, 银保监…), the media (曝光, 发微博), court or police (起诉, 报警), any hint of self-harm,
 * or repeated escalation (第三次, 说了多少遍, or a third angry message counting `history`).
 * Medium: strong anger, "我要投诉", or asking how to reach a regulator. A ruled-out step
 * ("我不会投诉的", "不用报警") does not count; self-harm always does.
 *
 * @example detectRisk('再不处理我就打12315投诉你们') // → { level: 'high', reasons: ['regulator_complaint', 'complaint_intent'] }
 */
export function detectRisk(text: string, history: readonly string[] = []): Risk {
  const folded = foldText(text, { lowerAscii: true });
  const high = new Set<RiskReason>();
  const medium = new Set<RiskReason>();

  for (const match of CUES.findAll(folded)) {
    const cue = match.values[0];
    if (!cue || cue.kind === 'blocker') continue;
    const { before, after } = clauseAround(folded, match.start, match.end);
    if (cue.reason === 'self_harm') {
      high.add('self_harm');
      continue;
    }
    if (RULED_OUT.test(before)) continue;
    if (cue.kind === 'needsAction' && !ACTION_BEFORE.test(before)) continue;
    const asking = ASKING_AFTER.test(after) || ASKING_BEFORE.test(before);
    if (cue.kind === 'hotline' && !asking && !HOTLINE_ACTION.test(before + after)) continue;
    if (asking || cue.reason === 'complaint_intent') medium.add(cue.reason);
    else high.add(cue.reason);
  }

  const anger = angerOf(text);
  const angryNow = anger >= ANGRY;
  for (const m of folded.matchAll(NTH_TIME)) {
    const { before, after } = clauseAround(folded, m.index, m.index + m[0].length);
    // 催了三次 is escalation by itself; 第三次 only when it counts contacts (第三次打电话), not purchases
    // (第三次买), or comes in anger.
    const countsContacts = !m[0].startsWith('第') || CONTACT_VERB.test(before + after);
    if (countsContacts || angryNow) high.add('repeated_escalation');
  }
  if (angryNow) {
    const angryBefore = history.slice(-HISTORY_LOOKBACK).filter((h) => angerOf(h) >= ANGRY).length;
    if (angryBefore >= ANGRY_HISTORY_NEEDED) high.add('repeated_escalation');
    if (anger >= STRONG_ANGER) medium.add('strong_anger');
  }

  const reasons = REASON_ORDER.filter((r) => high.has(r) || medium.has(r));
  const level = high.size > 0 ? 'high' : medium.size > 0 ? 'medium' : 'none';
  return { level, reasons };
}
