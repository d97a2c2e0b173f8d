import type { DialogueServices } from '../dialogue-services.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import type { FaqCandidate } from '../faq-candidates.js';
import { halfWidth } from '../half-width.js';
import { isStrictSlot } from '../slot-filler.js';
import type { TurnPolicy } from './turn-policy.js';

/** At most this many FAQs offered beside the step asked again. */
const MAX_FAQ_OPTIONS = 3;

/**
 * (flow) "晚上十点以后还有真人客服吗？" while an order number is asked: a question that gives no value, with FAQ hits of
 * which none is sure. It is no wrong order number (which would count an attempt and say the number is wrong): the bot
 * asks "您是想问…" with the candidate FAQs as buttons and asks its step again beside them — a tap answers the question
 * and the step is asked again, while the value itself still fills the step.
 */
export const sideQuestionClarifyPolicy: TurnPolicy = {
  name: 'side-question-clarify',
  try(turn, { here, event, generalQuestion, faqs, services }) {
    if (!here || here.frame.waiting !== 'slot' || here.step.type !== 'slot' || !isStrictSlot(here.step) || here.frame.options !== null) return false;
    // A digit may be a mistyped value: that one is asked again as wrong.
    if (!generalQuestion || faqs.length === 0 || /\d/.test(halfWidth(event.text))) return false;
    askWhichSideQuestion(turn, faqs, event.text, services);
    return true;
  },
};

/** "您是想问…" with the leading FAQs as buttons, and the flow's step asked again beside them. */
export function askWhichSideQuestion(turn: DialogueTurn, faqs: readonly FaqCandidate[], text: string, services: DialogueServices): void {
  const options = faqs.slice(0, MAX_FAQ_OPTIONS).map((f) => ({ label: f.question, kind: 'faq' as const, id: f.id }));
  turn.say(turn.phrase('clarifyFaq'), options.map((o) => o.label));
  turn.mark('clarified');
  services.runner.resume(turn, 'resumeFlow');
  turn.state.pending = { kind: 'choice', purpose: 'clarify', options, entities: [], text };
}
