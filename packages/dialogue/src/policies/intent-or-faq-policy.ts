import { HUMAN_INTENT, isSmallTalk } from '../intent-labels.js';
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
    const hasFlow = services.registry.forIntent(confident.name) !== undefined || isSmallTalk(confident.name) || confident.name === HUMAN_INTENT;
    const answer = faq ?? (hasFlow ? undefined : (faqs.find((f) => f.confidence >= thresholds.faqWithIntent) ?? services.clearFaq(faqs)));
    if (answer && !services.doesTask(cues, confident, answer) && (!hasFlow || answer.confidence > confident.confidence + thresholds.faqOverFlowMargin)) services.answerFaq(turn, answer);
    else services.routeIntent(turn, confident.name, confident.confidence, nlu.entities, event, cues);
    return true;
  },
};
