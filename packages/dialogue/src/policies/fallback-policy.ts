import type { TurnPolicy } from './turn-policy.js';

/** Outside flows, a message nothing else understood steps down the fallback ladder: rephrase, offer a human, hand off. */
export const fallbackPolicy: TurnPolicy = {
  name: 'fallback',
  try(turn, { here, nlu, faqs, services }) {
    if (here) return false;
    services.ladder.step(turn, nlu, faqs);
    return true;
  },
};
