import type { TurnPolicy } from './turn-policy.js';

/** How often an action whose result never came is requested again before the flow gives up. */
const MAX_ACTION_REISSUES = 2;

/**
 * A message while the flow waits for an action's result means the result was lost (the server answers actions
 * within the turn): the action is requested again, and the flow gives up rather than loop when it keeps getting
 * lost. "算了" still cancels.
 */
export const actionPendingPolicy: TurnPolicy = {
  name: 'action-pending',
  try(turn, { here, cues, services }) {
    if (!here || here.frame.waiting !== 'action' || !here.frame.action || cues.cancel) return false;
    here.frame.attempts += 1;
    if (here.frame.attempts > MAX_ACTION_REISSUES) {
      services.runner.abandonAction(turn);
      return true;
    }
    turn.say(turn.phrase('actionPending'));
    turn.action = here.frame.action;
    turn.mark('action');
    return true;
  },
};
