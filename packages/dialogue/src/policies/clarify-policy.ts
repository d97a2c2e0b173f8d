import type { TurnPolicy } from './turn-policy.js';

/**
 * A vague or ambiguous request gets one clarifying question with the likely tasks as buttons: a bare vague phrase
 * however confident the classifier is, a vague phrase with a weak intent, the NLU's ambiguity flag, or top
 * candidates within the margin. Never twice in a row, never for a button label typed out, and never for a
 * how-things-work question the knowledge base answers clearly ("国内漫游还收费吗").
 */
export const clarifyPolicy: TurnPolicy = {
  name: 'clarify',
  try(turn, { here, pending, labelled, confident, intent, generalQuestion, faqs, event, nlu, services }) {
    if (here || labelled) return false;
    if (pending?.kind === 'choice' && pending.purpose === 'clarify') return false;
    // A how-things-work question the knowledge base has candidates for is answered or clarified among FAQs instead.
    if (generalQuestion && faqs.length > 0 && (!confident || services.clearFaq(faqs) !== undefined)) return false;
    const candidates = services.clarifier.candidates(turn.labels, event.text, nlu, intent?.confidence ?? 0);
    return candidates !== undefined && services.clarifier.ask(turn, candidates, nlu);
  },
};
