import type { ChoiceOption } from './dialogue-state.js';
import type { DialogueTurn } from './dialogue-turn.js';
import type { FaqCandidate } from './faq-candidates.js';
import type { NluParse } from './nlu-parse.js';

/** Suggestions offered with a rephrase request. */
const MAX_SUGGESTIONS = 3;

/**
 * What the bot does when it did not understand, by the count of consecutive
 * failures: ask to rephrase with suggestions, offer a human at `maxFailures`,
 * hand off after that. The count lives in the state and resets on any understood turn.
 */
export class FallbackLadder {
  constructor(readonly maxFailures: number) {}

  /** Takes one step down the ladder. */
  step(turn: DialogueTurn, nlu: NluParse, faqs: readonly FaqCandidate[]): void {
    const { state } = turn;
    state.failures += 1;
    turn.mark('fallback');
    if (state.failures > this.maxFailures) {
      turn.handOff({ reason: 'repeated_failure', priority: 'normal' }, turn.phrase('handoffRepeatedFailure'));
      return;
    }
    if (state.failures === this.maxFailures) {
      this.offerHuman(turn, turn.phrase('offerHuman'));
      return;
    }
    const suggestions: ChoiceOption[] = [
      ...faqs.slice(0, 2).map((f): ChoiceOption => ({ label: f.question, kind: 'faq', id: f.id })),
      ...[...nlu.candidates]
        .sort((a, b) => b.confidence - a.confidence)
        .filter((c) => turn.labels.offerable(c.name))
        .map((c): ChoiceOption => ({ label: turn.labels.label(c.name), kind: 'intent', id: c.name })),
    ].slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) {
      turn.say(turn.phrase('rephraseBare'));
      return;
    }
    turn.say(turn.phrase('rephrase'), suggestions.map((s) => s.label));
    state.pending = { kind: 'choice', purpose: 'suggest', options: suggestions, entities: [] };
  }

  /** Offers a person with one button; "好"/"是" or the button hands off on the next turn. */
  offerHuman(turn: DialogueTurn, text: string): void {
    const human = turn.phrase('humanButton');
    turn.say(text, [human]);
    turn.state.pending = { kind: 'choice', purpose: 'offer_human', options: [{ label: human, kind: 'human', id: 'human' }], entities: [] };
    turn.mark('fallback');
  }
}
