import { clarifyPolicy } from './clarify-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * (open) A request the NLU flags as vague or torn between tasks ("户口的问题", "借钱的事") is clarified before any
 * passage of the tenant's documents is tried: it asks for something without saying what, so a passage that happens to
 * mention 户口 is a committed guess, and the customer is better asked which task they mean. A how-things-work question
 * is left to the documents and the FAQs, as before.
 */
export const vagueClarifyPolicy: TurnPolicy = {
  name: 'vague_clarify',
  try(turn, ctx) {
    if (ctx.here || !ctx.nlu.ambiguous || ctx.generalQuestion) return false;
    return clarifyPolicy.try(turn, ctx);
  },
};
