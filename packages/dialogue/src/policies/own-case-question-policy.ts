import { readsAcrossIntents } from '../faq-across-intents.js';
import { taskWithSideQuestion } from './compound-task-policy.js';
import { askWhichFaq } from './faq-clarify-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/** Entities that name one of the customer's own records: with one, the task itself answers the question. */
const OWN_RECORD_ENTITIES: ReadonlySet<string> = new Set(['order_number', 'mobile', 'id_card', 'bank_card', 'email']);

/** A question about the method ("怎么查剩余流量？", "在哪里开发票"), not "怎么办" (what to do about it). */
const ASKS_METHOD = /怎么(?!办|回事)|如何|怎样|在哪|哪里|去哪|\bhow\b/i;

/**
 * A question wrapped in the customer's own story ("退款成功好几天了还没到账怎么回事", "为什么退我的钱比我付的少",
 * "一单买了三件 只想退一件行不行") that an FAQ answers surely (`faqOwnCaseQuestion`): the speech act hears the story
 * and says "request", and the task would ask for an order number without ever answering what was asked. The answer comes first; then
 * the task of the message's confident intent starts (its first question asked) when the message reports the
 * customer's own case, or is offered as a button when it only asks. With a record named in the message (an order
 * number) the task answers it; the how-to of that very task ("宽带怎么报修？" beside "家里宽带坏了…") is no answer.
 */
export const ownCaseQuestionPolicy: TurnPolicy = {
  name: 'own-case-question',
  try(turn, ctx) {
    const { here, labelled, cues, faqs, confident, generalQuestion, earlierRecord, nlu, event, services } = ctx;
    if (here || labelled) return false;
    const [asked] = faqs;
    // Only a sure hit: a wrong answer before a task is worse than the task alone.
    if (!asked || asked.confidence < services.thresholds.faqOwnCaseQuestion) return false;
    // It must ask something: a bare topic ("退货") is the task's name, whatever FAQ shares its words.
    if (!cues.asks) return false;
    // A record named here or referred back to ("刚才那个订单能改地址吗"): the task answers for that record.
    if (earlierRecord || nlu.entities.some((e) => OWN_RECORD_ENTITIES.has(e.type))) return false;
    // "我想退货，运费谁出": a task and a question beside it, both handled by the compound-task policy.
    if (taskWithSideQuestion(ctx)) return false;
    const task = confident && services.registry.forIntent(confident.name) ? confident : null;
    const reportsOwnCase = !generalQuestion && (cues.ownCase || cues.trouble || nlu.act?.label === 'request');
    // "家里宽带坏了，怎么报修", "我想退货怎么弄": asked how to get the very task done that the customer's case needs — the
    // task does it. "宽带坏了师傅多久能来", "水果坏了能退吗" ask about its terms, which the FAQ answers before the task.
    const howTo = task !== null && services.isHowToOfTask(asked, task.name) && ASKS_METHOD.test(event.text);
    if (howTo && (reportsOwnCase || services.wantsTask({ cues, nlu, confident }, asked))) return false;
    // "我还剩多少流量": the customer wants the figure, and "怎么查剩余流量？" would only tell them how to look it up.
    if (task && reportsOwnCase && ASKS_METHOD.test(asked.question) && !ASKS_METHOD.test(event.text)) return false;
    // The intent classifier and the FAQ retriever read the message as two different topics: one of them is wrong,
    // and a wrong answer is worse than "您是想问…" with the FAQs and the task as buttons.
    if (readsAcrossIntents(asked, confident, services.thresholds)) {
      askWhichFaq(turn, faqs, confident, nlu, services);
      return true;
    }
    services.answerFaq(turn, asked);
    if (!task) return true;
    // "还没到账怎么回事": the customer's own case — the task goes on at once. "只退一件行不行": a question — one tap away.
    if (reportsOwnCase) {
      services.routeIntent(turn, task.name, task.confidence, nlu.entities, event, cues);
      return true;
    }
    turn.intent = task;
    const offered = { label: turn.labels.label(task.name), kind: 'intent' as const, id: task.name };
    turn.say(turn.phrase('offerTask', { task: offered.label }), [offered.label]);
    turn.state.pending = { kind: 'choice', purpose: 'offer_flow', options: [offered], entities: nlu.entities.map(({ type, value, text }) => ({ type, value, text })) };
    return true;
  },
};
