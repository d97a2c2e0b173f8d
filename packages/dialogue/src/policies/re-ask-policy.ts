import type { TurnPolicy } from './turn-policy.js';

/** In a flow, a message no other policy took is a wrong answer: the step is asked again (and, after its re-asks, given up). */
export const reAskPolicy: TurnPolicy = {
  name: 're-ask',
  try(turn, { here, services }) {
    if (!here) return false;
    services.runner.rejectAnswer(turn);
    return true;
  },
};
