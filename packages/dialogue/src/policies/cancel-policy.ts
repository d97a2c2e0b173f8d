import type { TurnPolicy } from './turn-policy.js';

/** "算了" in a flow asks "are you sure?" before the task is dropped; the answer is read by the cancel-confirm policy. */
export const cancelPolicy: TurnPolicy = {
  name: 'cancel',
  try(turn, { here, cues, services }) {
    if (!here || !cues.cancel) return false;
    turn.state.pending = { kind: 'cancel_confirm' };
    turn.say(turn.phrase('cancelConfirm', { flow: services.runner.title(turn, here.frame) }), [turn.phrase('yes'), turn.phrase('no')]);
    // A yes/no about leaving the task, not a clarification of what the customer wants: analytics must not count it as one.
    turn.mark('answered');
    return true;
  },
};
