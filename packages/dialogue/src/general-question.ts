import type { NluParse } from './nlu-parse.js';
import type { UtteranceCues } from './utterance-cues.js';

/**
 * The message asks how things work ("退货运费谁出", "跨行转账收手续费吗") rather than for something to be done or about
 * the customer's own case ("我要退货", "我昨天那笔转账到了没"). The NLU's trained speech act decides; a parse without
 * one (an older NLU) falls back to the keyword cues.
 * @example asksGeneralQuestion({ ...nlu, act: { label: 'question', confidence: 0.97 } }, cues) // true
 */
export function asksGeneralQuestion(nlu: Pick<NluParse, 'act'>, cues: Pick<UtteranceCues, 'generalQuestion' | 'ownCase'>): boolean {
  if (!nlu.act) return cues.generalQuestion;
  const p = questionProbability(nlu.act);
  // "流量还剩多少", "我的…": marks of the customer's own case overrule a question the NLU is not all but certain of.
  return p >= (cues.ownCase ? OWN_CASE_QUESTION_PROBABILITY : MIN_QUESTION_PROBABILITY);
}

const OWN_CASE_QUESTION_PROBABILITY = 0.95;

/**
 * The act's own label decides: a "request" the NLU is barely sure of is still a request ("预约户籍业务",
 * "开无犯罪记录证明" must start their tasks; counting P(question) ≥ 0.4 as a question broke them).
 */
const MIN_QUESTION_PROBABILITY = 0.5;

function questionProbability(act: NonNullable<NluParse['act']>): number {
  return act.label === 'question' ? act.confidence : 1 - act.confidence;
}
