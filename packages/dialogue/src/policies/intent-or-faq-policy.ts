import { HUMAN_INTENT, isSmallTalk } from '../intent-labels.js';
import { asksSurelyAnswered } from './human-request-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A confident intent: its flow starts, unless an FAQ hit is more than `faqOverFlowMargin` surer ("流量还剩多少"
 * wants the number, not the how-to). An intent the bot can only answer from the knowledge base lends its
 * confidence to a weaker FAQ hit (`faqWithIntent`, or one clearly ahead of the next).
 */
export const intentOrFaqPolicy: TurnPolicy = {
  name: 'intent-or-faq',
  try(turn, { here, confident, faqs, cues, nlu, event, services }) {
    if (here || !confident) return false;
    const { thresholds } = services;
    const faq = faqs.find((f) => f.confidence >= thresholds.faq);
    // A person asked about, not for ("你们工作人员能随便看我的资料吗"), is no hand-off to go ahead with.
    const person = confident.name === HUMAN_INTENT && !asksSurelyAnswered({ cues, faqs, services });
    const hasFlow = services.registry.forIntent(confident.name) !== undefined || isSmallTalk(confident.name) || person;
    const answer = faq ?? (hasFlow ? undefined : (faqs.find((f) => f.confidence >= thresholds.faqWithIntent) ?? services.clearFaq(faqs)));
    if (answer && !services.doesTask(cues, confident, answer) && (!hasFlow || answer.confidence > confident.confidence + thresholds.faqOverFlowMargin)) services.answerFaq(turn, answer);
    else services.routeIntent(turn, confident.name, confident.confidence, nlu.entities, event, cues);
    return true;
  },
};
