import type { DialogueThresholds } from './dialogue-thresholds.js';
import type { FaqCandidate } from './faq-candidates.js';

/**
 * The best FAQ hit when it is sure (≥ `faq`), or fairly sure (≥ `faqQuestion`) and ahead of the next one by
 * `faqQuestionLead`; otherwise none — two half-matches are no answer.
 * @example clearFaq([{ id: 'fee', confidence: 0.7, … }], thresholds) // the 'fee' hit
 */
export function clearFaq(faqs: readonly FaqCandidate[], thresholds: DialogueThresholds): FaqCandidate | undefined {
  const [best, next] = faqs;
  if (!best || best.confidence < thresholds.faqQuestion) return undefined;
  if (best.confidence >= thresholds.faq) return best;
  return best.confidence - (next?.confidence ?? 0) >= thresholds.faqQuestionLead ? best : undefined;
}
