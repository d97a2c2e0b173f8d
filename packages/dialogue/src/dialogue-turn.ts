import type { Clock } from './calendar-reader.js';
import type { DialogueMessageKey, DialogueMessages } from './dialogue-messages.js';
import type { BotReply, DialogueState } from './dialogue-state.js';
import type { HandoffRequest } from './dialogue-output.js';
import type { IntentLabels } from './intent-labels.js';
import { interpolate } from './interpolate.js';
import type { Locale } from './localized-text.js';
import type { TurnOutcome } from './turn-record.js';

// When several things happen in one turn, the record reports the most consequential.
const OUTCOME_PRECEDENCE: readonly TurnOutcome[] = [
  'handoff',
  'cancelled',
  'completed',
  'action',
  'resumed',
  'clarified',
  'slot_filled',
  'fallback',
  'answered',
];

/**
 * The scratchpad of one `handle` call: a private copy of the state that the
 * steps mutate, plus everything the bot says or asks for in this turn.
 */
export class DialogueTurn {
  readonly replies: BotReply[] = [];
  action: { id: string; name: string; args: Record<string, unknown> } | undefined;
  handoff: HandoffRequest | undefined;
  /** The intent the manager acted on, for the turn record. */
  intent: { name: string; confidence: number } | null = null;
  /** The last flow step executed in this turn, for the turn record. */
  position: { flowId: string; step: string } | null = null;
  /** The FAQ answered in this turn, for the turn record. */
  faqId: string | null = null;
  /** The document passage answered from in this turn, for the turn record. */
  passageId: string | null = null;
  private readonly outcomes = new Set<TurnOutcome>();

  constructor(
    readonly state: DialogueState,
    readonly locale: Locale,
    readonly messages: DialogueMessages,
    readonly labels: IntentLabels,
    readonly clock: Clock,
  ) {}

  /** Adds a reply. */
  say(text: string, quickReplies: readonly string[] = []): void {
    this.replies.push({ text, quickReplies: [...quickReplies] });
  }

  /** A phrase from the message catalogue with `{{placeholders}}` filled. */
  phrase(key: DialogueMessageKey, values: Record<string, string> = {}): string {
    return interpolate(this.messages[key], values);
  }

  /** Notes what this turn achieved. */
  mark(outcome: TurnOutcome): void {
    this.outcomes.add(outcome);
  }

  /** The outcome reported for analytics. */
  outcome(): TurnOutcome {
    return OUTCOME_PRECEDENCE.find((o) => this.outcomes.has(o)) ?? 'answered';
  }

  /** Hands off to a person: every flow is dropped because an agent takes over from here. */
  handOff(request: HandoffRequest, text: string): void {
    this.handoff = request;
    this.say(text);
    this.state.flow = null;
    this.state.stack = [];
    this.state.pending = null;
    this.state.failures = 0;
    this.mark('handoff');
  }
}
