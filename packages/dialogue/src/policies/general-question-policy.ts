import { readsAcrossIntents } from '../faq-across-intents.js';
import { askWhichFaq } from './faq-clarify-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/** Entities that name one of the customer's own records. */
const OWN_RECORD_ENTITIES: ReadonlySet<string> = new Set(['order_number', 'mobile', 'id_card', 'bank_card', 'email']);

/**
 * A general question ("退款一般多久到账", "信用卡免息期多长" — about how things work, not the customer's own case)
 * with a clear FAQ hit is answered from the knowledge base, even when a task's intent is confident; when that task
 * has a flow it is offered after the answer ("…需要现在帮您办理退货退款吗？" with the task as a button): the how-to,
 * and the task one tap, a "好的" or one detail away.
 */
export const generalQuestionPolicy: TurnPolicy = {
  name: 'general-question',
  try(turn, { here, labelled, generalQuestion, earlierRecord, cues, faqs, confident, intent, nlu, services }) {
    if (here || labelled) return false;
    const asked = services.clearFaq(faqs);
    // Nothing to resume after a wrong answer: a hit short of sure is asked about ("您是想问…") by the next policy.
    if (!asked || asked.confidence < services.thresholds.faqOpenQuestion) return false;
    // A question about the customer's own trouble is both: the sure answer first, the task one tap away.
    // With an order number or a card in it, the message is about that record: its task answers it ("车厘子能退吗？订单…").
    // So is "刚才那个订单能改地址吗" after that order was named.
    const record = earlierRecord || nlu.entities.some((e) => OWN_RECORD_ENTITIES.has(e.type));
    // "我还剩多少流量", "信用卡账单多少钱": the customer's own figures, or the how-to of the very task they name — the task.
    const ownTask = cues.ownCase || (confident !== null && services.isHowToOfTask(asked, confident.name));
    const both = !generalQuestion && !record && !ownTask && cues.asks && asked.confidence >= services.thresholds.faqBesideRequest;
    if (!(generalQuestion || both) || services.wantsTask({ cues, nlu, confident }, asked)) return false;
    // "想换新手机，办合约能便宜吗" reads as a SIM task and matches the FAQ on changing a contract's plan: ask, not guess.
    if (readsAcrossIntents(asked, confident, services.thresholds)) {
      askWhichFaq(turn, faqs, confident, nlu, services);
      return true;
    }
    turn.intent = intent;
    const offered = confident && services.registry.forIntent(confident.name) ? { label: turn.labels.label(confident.name), kind: 'intent' as const, id: confident.name } : undefined;
    services.answerFaq(turn, asked);
    if (offered) turn.say(turn.phrase('offerTask', { task: offered.label }), [offered.label]);
    if (offered) turn.state.pending = { kind: 'choice', purpose: 'offer_flow', options: [offered], entities: nlu.entities.map(({ type, value, text }) => ({ type, value, text })), text: nlu.text };
    return true;
  },
};
