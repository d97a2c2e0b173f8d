import { matchChoice } from '../choice-matcher.js';
import type { ChoiceOption } from '../dialogue-state.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import { matchOpeningPattern } from '../opening-pattern.js';
import { fillStrictSlot, isStrictSlot } from '../slot-filler.js';
import { readUtteranceCues } from '../utterance-cues.js';
import type { TurnContext } from './turn-context.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A reply to buttons the bot offered (clarification, suggestions, menu, offer of a human, a task after its how-to, two
 * sections of the tenant's documents):
 * the option picked is acted on. A reply that picks none is left to the other policies.
 */
export const choiceReplyPolicy: TurnPolicy = {
  name: 'choice-reply',
  try(turn, ctx) {
    const { pending, event, cues, nlu, faqs, services } = ctx;
    if (pending?.kind !== 'choice') return false;
    const index = matchChoice(event.text, pending.options);
    let option = index === undefined ? undefined : pending.options[index];
    if (!option && pending.purpose === 'offer_human' && cues.confirmation === 'yes') option = { label: '', kind: 'human', id: 'human' };
    if (!option && pending.purpose === 'offer_human' && cues.confirmation === 'no') {
      turn.say(turn.phrase('greeting'), services.menuLabels(turn));
      turn.mark('answered');
      return true;
    }
    // After "怎么报修" was answered, "好的" or "KD0571001234" (the detail the offered task needs) takes the offer;
    // after "您是想问…", a detail for the task among the options picks that task.
    if (!option && pending.purpose === 'offer_flow' && cues.confirmation === 'yes') option = pending.options[0];
    if (!option && (pending.purpose === 'offer_flow' || pending.purpose === 'clarify')) option = pending.options.find((o) => suppliesDetail(turn, o, ctx));
    if (!option && pending.purpose === 'offer_flow' && cues.confirmation === 'no') {
      turn.say(turn.phrase('declined'));
      turn.mark('answered');
      return true;
    }
    if (!option && pending.purpose === 'clarify' && nlu.intent && nlu.intent.confidence >= 0.5) {
      option = pending.options.find((o) => o.kind === 'intent' && o.id === nlu.intent?.name);
    }
    if (!option) return false;
    // "帮我查下办件进度SQ…，办好了去哪领证" names a menu entry but says more: it is read as a message, side question included.
    if (pending.purpose === 'menu' && (event.clauses?.length ?? 0) >= 2) return false;
    // "办件进度在哪看" names a menu entry too, but asks how things work: the welcome menu asked nothing, so it is no pick.
    if (pending.purpose === 'menu' && ctx.generalQuestion && services.clearFaq(faqs) !== undefined) return false;
    if (option.kind === 'human') {
      services.handOffOnRequest(turn, nlu);
      return true;
    }
    if (option.kind === 'passage' && option.text !== undefined) {
      turn.passageId = option.id;
      turn.say(option.text);
      turn.mark('answered');
      return true;
    }
    if (option.kind === 'faq') {
      const id = option.id;
      const entry = event.faqAnswers?.find((a) => a.id === id) ?? services.faqLookup?.(id);
      const faq = faqs.find((f) => f.id === id) ?? (entry ? { id, ...entry, confidence: 1 } : undefined);
      if (!faq) return false;
      services.answerFaq(turn, faq);
      // Picked while a task waits ("您是想问…" beside its step): the task goes on.
      if (ctx.here) services.runner.resume(turn, 'resumeFlow', 'answered');
      return true;
    }
    const asked = pending.text === undefined ? undefined : readUtteranceCues(pending.text);
    // The task starts from what both messages say: "开无犯罪记录证明" then "33010619900101123X" fills the type and the ID.
    const opening = pending.text === undefined ? event : { ...event, text: `${pending.text}\n${event.text}` };
    services.routeIntent(turn, option.id, 1, [...pending.entities, ...nlu.entities], opening, { ...cues, reference: cues.reference ?? asked?.reference ?? null });
    return true;
  },
};

/**
 * The message gives a value for one of the offered task's typed slots (an account, order number, date…), or of its
 * identity check's (a mobile), and asks for nothing else.
 */
function suppliesDetail(turn: DialogueTurn, offered: ChoiceOption | undefined, { event, services }: TurnContext): boolean {
  const flow = offered?.kind === 'intent' ? services.registry.forIntent(offered.id) : undefined;
  if (!flow) return false;
  const other = event.nlu.outOfScope ? null : event.nlu.intent;
  if (other && other.name !== offered?.id && other.confidence >= services.thresholds.intent) return false;
  const called = flow.steps.flatMap((s) => (s.type === 'subflow' ? services.registry.get(s.flow).steps : []));
  return [...flow.steps, ...called].some((step) => {
    // Codes are typed after they are sent; a number now is never one.
    if (step.type === 'slot' && step.validator === 'otp_code') return false;
    if (step.type !== 'slot' || step.options !== undefined || step.optionsFrom !== undefined) return false;
    if (step.openingPattern !== undefined && matchOpeningPattern(step.openingPattern, event.text) !== undefined) return true;
    return isStrictSlot(step) && fillStrictSlot(step, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: null }).ok;
  });
}
