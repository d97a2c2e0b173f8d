import type { TurnPolicy } from './turn-policy.js';

/**
 * Outside flows, a question nothing else understood and the tenant's documents do not answer surely is not guessed
 * at: the bot says it found no sure answer and offers a person (who, when nobody is free, takes a message as a
 * ticket). It counts as a failure of the fallback ladder, so asking again still reaches a person.
 */
export const documentDeclinePolicy: TurnPolicy = {
  name: 'document_decline',
  try(turn, { here, event, generalQuestion, services }) {
    if (here || event.document?.kind !== 'declined' || !generalQuestion) return false;
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
