import type { DialogueThresholds } from './dialogue-thresholds.js';
import type { FaqCandidate } from './faq-candidates.js';

/**
 * The intent classifier and the FAQ retriever read the message as two different topics, and the FAQ hit is not sure
 * enough (`faqAcrossIntents`) to overrule the classifier: one of the two readings is wrong, and a wrong answer is
 * worse than "您是想问…". "退款一般几天能到账呀" reads as a refund and matches the FAQ on delivery times.
 * @example readsAcrossIntents({ id: 'f', question: 'q', answer: 'a', confidence: 0.8, intent: 'order_status' }, { name: 'refund_status' }, thresholds) // true
 */
export function readsAcrossIntents(faq: FaqCandidate, intent: { name: string } | null, thresholds: Pick<DialogueThresholds, 'faqAcrossIntents'>): boolean {
  return intent !== null && faq.intent !== undefined && faq.intent !== intent.name && faq.confidence < thresholds.faqAcrossIntents;
}
