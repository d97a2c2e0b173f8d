import { matchChoice } from '../choice-matcher.js';
import { readConfirmReply } from '../confirm-reply.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import { HUMAN_INTENT } from '../intent-labels.js';
import type { TurnContext } from './turn-context.js';
import type { TurnPolicy } from './turn-policy.js';

// Asking when people are on duty: "晚上十点以后还有真人客服吗", "周末有人工吗".
const ASKS_WHEN = /几点|什么时候|什么时间|以后|之后|周末|周六|周日|晚上|夜里|半夜|节假日|上班|下班|working hours|at night|weekends?/i;

/**
 * "转人工" hands off. A mention of a person ("人工客服") or the classifier's `human_agent` does too, unless the message
 * is a general question the knowledge base has answers for ("周末有人工客服吗", "晚上几点以后就没有人工了": asked about,
 * not asked for). The classifier alone also not when the message picks a button on show, answers the confirmation
 * asked, or holds a vague phrase that calls for a clarifying question: "个人" at the invoice-title buttons, "确认" at a
 * confirmation or "找售后" are answers or vague requests, whatever the classifier makes of them.
 */
export const humanRequestPolicy: TurnPolicy = {
  name: 'human-request',
  try(turn, ctx) {
    const { nlu, cues, services } = ctx;
    const byClassifier = nlu.intent?.name === HUMAN_INTENT && nlu.intent.confidence >= services.thresholds.intent;
    // "晚上十点以后还有真人客服吗" asks when people are there, answer or no answer in the knowledge base.
    const askedAbout =
      (ctx.generalQuestion && (ctx.faqs.length > 0 || (cues.human === 'mention' && ASKS_WHEN.test(ctx.event.text)))) || asksSurelyAnswered(ctx);
    const asked = cues.human === 'ask' || (!askedAbout && (cues.human === 'mention' || (byClassifier && !answersOrIsVague(turn, ctx))));
    if (!asked) return false;
    services.handOffOnRequest(turn, nlu);
    return true;
  },
};

/**
 * "你们工作人员能随便看我的资料吗": no word of a person asked for, only the classifier hearing one in 工作人员 — a question
 * the knowledge base surely answers is asked about, whatever the speech act makes of "我的资料".
 */
export function asksSurelyAnswered({ cues, faqs, services }: Pick<TurnContext, 'cues' | 'faqs' | 'services'>): boolean {
  return cues.human === null && cues.asks && (services.clearFaq(faqs)?.confidence ?? 0) >= services.thresholds.faqOpenQuestion;
}

function answersOrIsVague(turn: DialogueTurn, { event, cues, pending, services }: TurnContext): boolean {
  // "可以，确认" says more than a bare yes, and is still the answer to the confirmation on show.
  if (turn.state.flow?.waiting === 'confirm' && (cues.confirmation ?? readConfirmReply(event.text)) !== null) return true;
  if (pending?.kind === 'choice' && matchChoice(event.text, pending.options) !== undefined) return true;
  const options = turn.state.flow?.waiting === 'slot' ? turn.state.flow.options : null;
  if (options && matchChoice(event.text, options) !== undefined) return true;
  return services.clarifier.mentionsVaguePhrase(event.text);
}
