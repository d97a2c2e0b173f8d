import type { UserEvent } from '../dialogue-event.js';
import type { DialogueServices } from '../dialogue-services.js';
import type { Pending } from '../dialogue-state.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import { rememberEntities } from '../entity-memory.js';
import { asksGeneralQuestion } from '../general-question.js';
import { collectFaqCandidates, type FaqCandidate } from '../faq-candidates.js';
import type { FlowRunner } from '../flow-runner.js';
import type { NluParse } from '../nlu-parse.js';
import { matchOpeningPattern } from '../opening-pattern.js';
import { isStrictSlot } from '../slot-filler.js';
import { readUtteranceCues, type UtteranceCues } from '../utterance-cues.js';

type Intent = { name: string; confidence: number };

/** What the policies know about one customer message, read once before any of them runs. */
export type TurnContext = {
  readonly event: UserEvent;
  readonly nlu: NluParse;
  readonly cues: UtteranceCues;
  /** The parse's FAQ hits with their answers, best first. */
  readonly faqs: FaqCandidate[];
  /** The question or buttons on show before this message; the state's own `pending` is cleared for the turn. */
  readonly pending: Pending | null;
  /** The active flow and the step it waits at, or undefined outside flows. */
  readonly here: ReturnType<FlowRunner['current']>;
  /** The message asks how things work rather than for something to be done (`asksGeneralQuestion`). */
  readonly generalQuestion: boolean;
  /**
   * A general question ("拆封了还能退吗", "发票在哪里开？") with a clear FAQ hit: mid-flow it is answered and the flow
   * resumes — it is no new task. While a free-text answer or a choice among options is awaited only a sure hit
   * counts, so a complaint written as a question is still the complaint and a plan named in full still the plan.
   */
  readonly detour: FaqCandidate | undefined;
  /** "刚才那个订单…", "它…": the message refers to a record the customer named earlier in the chat — their own case. */
  readonly earlierRecord: boolean;
  /** A button label or menu entry the message repeats word for word ("退货退款"). */
  readonly labelled: string | undefined;
  /** The intent the message asks for: the labelled one, else the classifier's unless out of scope. */
  readonly intent: Intent | null;
  /** `intent` when it reaches the `intent` threshold. */
  readonly confident: Intent | null;
  readonly services: DialogueServices;
};

function detourFaq(faqs: FaqCandidate[], services: DialogueServices, here: TurnContext['here'], text: string): FaqCandidate | undefined {
  // A free-text answer or a choice among options ("5G 畅享 99 元套餐") is the answer unless the FAQ is sure — but a
  // question without the shape a free-text slot expects (an account or an address) is no answer to it.
  const answering =
    here?.frame.waiting === 'slot' &&
    here.step.type === 'slot' &&
    (!isStrictSlot(here.step) || here.frame.options !== null) &&
    !(here.step.openingPattern !== undefined && matchOpeningPattern(here.step.openingPattern, text) === undefined);
  return answering ? faqs.find((f) => f.confidence >= services.thresholds.faq) : services.clearFaq(faqs);
}

/**
 * Reads a customer message into a `TurnContext` and prepares the state for it: entities are remembered and the
 * pending question is taken off the state (a policy that asks again puts a new one there).
 */
export function openUserTurn(turn: DialogueTurn, event: UserEvent, services: DialogueServices): TurnContext {
  const { state } = turn;
  const nlu = event.nlu;
  const cues = readUtteranceCues(event.text);
  state.entities = rememberEntities(state.entities, nlu.entities, state.turn);
  const faqs = collectFaqCandidates(event, services.faqLookup);
  const pending = state.pending;
  state.pending = null;
  const labelled = turn.labels.intentFor(event.text);
  const here = services.runner.current(state);
  // "刚才那个订单能改地址吗" asks about a record the customer named earlier in the chat: their own case, not how things work.
  const earlierRecord = cues.reference !== null && state.entities.some((e) => e.turn < state.turn);
  const generalQuestion = asksGeneralQuestion(nlu, cues) && !earlierRecord;
  const intent = labelled ? { name: labelled, confidence: 1 } : nlu.outOfScope ? null : nlu.intent;
  return {
    event,
    nlu,
    cues,
    faqs,
    pending,
    here,
    generalQuestion,
    earlierRecord,
    detour: generalQuestion ? detourFaq(faqs, services, here, event.text) : undefined,
    labelled,
    intent,
    confident: intent !== null && intent.confidence >= services.thresholds.intent ? intent : null,
    services,
  };
}
