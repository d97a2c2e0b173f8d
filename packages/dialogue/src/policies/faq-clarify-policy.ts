import type { DialogueServices } from '../dialogue-services.js';
import type { ChoiceOption } from '../dialogue-state.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import type { FaqCandidate } from '../faq-candidates.js';
import type { NluParse } from '../nlu-parse.js';
import { HUMAN_INTENT, isSmallTalk } from '../intent-labels.js';
import type { TurnPolicy } from './turn-policy.js';

/** At most this many FAQs offered; the task the question is about may be one more button. */
const MAX_FAQ_OPTIONS = 3;

/**
 * A general question whose FAQ hits are none of them clear: rather than guess an answer, or start a task nobody
 * asked for, the bot asks "您是想问…" with the candidate FAQs as buttons — and the task the question is about
 * (a confident intent with a flow) as the last one, for a customer who wants it done after all. The same for any
 * message whose confident intent has no flow ("policy_inquiry"): only the knowledge base can answer it, and
 * "您是想问…" beats "这个问题需要人工客服".
 */
export const faqClarifyPolicy: TurnPolicy = {
  name: 'faq-clarify',
  try(turn, { here, labelled, generalQuestion, faqs, confident, pending, cues, nlu, services }) {
    const informational = confident !== null && !services.registry.forIntent(confident.name) && !isSmallTalk(confident.name) && confident.name !== HUMAN_INTENT;
    if (here || labelled || !(generalQuestion || informational) || faqs.length === 0) return false;
    // "家里宽带坏了，怎么报修": the customer's own trouble and the how-to of that very task — the task is what they want.
    if (faqs.some((f) => services.wantsTask({ cues, nlu, confident }, f))) return false;
    // A sure hit is answered (by the general-question or intent-or-FAQ policy), not asked about.
    if ((services.clearFaq(faqs)?.confidence ?? 0) >= services.thresholds.faqOpenQuestion) return false;
    // Asked once already: a second "which one?" in a row is worse than a guess at the task or the fallback.
    if (pending?.kind === 'choice' && pending.purpose === 'clarify') return false;
    askWhichFaq(turn, faqs, confident, nlu, services);
    return true;
  },
};

/**
 * "您是想问…" with the leading FAQs as buttons, and the task the message names (a confident intent with a flow) as
 * the last one, for a customer who wants it done after all.
 */
export function askWhichFaq(turn: DialogueTurn, faqs: readonly FaqCandidate[], confident: { name: string } | null, nlu: NluParse, services: DialogueServices): void {
  const options: ChoiceOption[] = faqs.slice(0, MAX_FAQ_OPTIONS).map((f) => ({ label: f.question, kind: 'faq', id: f.id }));
  if (confident && services.registry.forIntent(confident.name) && turn.labels.has(confident.name)) {
    options.push({ label: turn.labels.label(confident.name), kind: 'intent', id: confident.name });
  }
  turn.say(turn.phrase('clarifyFaq'), options.map((o) => o.label));
  turn.state.pending = { kind: 'choice', purpose: 'clarify', options, entities: nlu.entities.map(({ type, value, text }) => ({ type, value, text })), text: nlu.text };
  turn.intent = null;
  turn.mark('clarified');
}
