import type { TurnPolicy } from './turn-policy.js';

/** No confident intent, but a sure FAQ hit: it is the answer. */
export const faqAnswerPolicy: TurnPolicy = {
  name: 'faq-answer',
  try(turn, { here, faqs, services }) {
    const faq = faqs.find((f) => f.confidence >= services.thresholds.faq);
    if (here || !faq) return false;
    services.answerFaq(turn, faq);
    return true;
  },
};
