import type { ChoiceOption } from '../dialogue-state.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * Outside flows, a question nothing else understood and the tenant's documents do not answer surely is not guessed
 * at: the bot says it found no sure answer and offers a person (who, when nobody is free, takes a message as a
 * ticket). It counts as a failure of the fallback ladder, so asking again still reaches a person.
 *
 * When two sections came close (`choices`), the customer is asked which one is meant, the person offered beside
 * them: picking a section sends its cited answer, so nothing is guessed. Asked once: a second "which one?" in a row
 * is declined as above.
 */
export const documentDeclinePolicy: TurnPolicy = {
  name: 'document_decline',
  try(turn, { here, event, generalQuestion, pending, nlu, services }) {
    if (here || event.document?.kind !== 'declined' || !generalQuestion) return false;
    const choices = event.document.choices ?? [];
    const askedAlready = pending?.kind === 'choice' && pending.options.some((o) => o.kind === 'passage');
    if (choices.length > 0 && !askedAlready) {
      const human = turn.phrase('humanButton');
      const options: ChoiceOption[] = [...choices.map((c): ChoiceOption => ({ label: c.label, kind: 'passage', id: c.passageId, text: c.text })), { label: human, kind: 'human', id: 'human' }];
      turn.say(turn.phrase('documentChoice'), options.map((o) => o.label));
      turn.state.pending = { kind: 'choice', purpose: 'clarify', options, entities: nlu.entities.map(({ type, value, text }) => ({ type, value, text })), text: nlu.text };
      turn.intent = null;
      turn.mark('clarified');
      return true;
    }
    turn.state.failures += 1;
    if (turn.state.failures > services.ladder.maxFailures) {
      turn.handOff({ reason: 'repeated_failure', priority: 'normal' }, turn.phrase('handoffRepeatedFailure'));
      turn.mark('fallback');
      return true;
    }
    services.ladder.offerHuman(turn, turn.phrase('documentNotFound'));
    return true;
  },
};
