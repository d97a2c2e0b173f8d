import type { DialogueTurn } from '../dialogue-turn.js';
import type { TurnContext } from './turn-context.js';

/**
 * One decision about a customer message. `try` either acts on the turn (says, asks, starts, hands off) and
 * returns true, or leaves the turn untouched and returns false so the next policy in `turnPolicies` is tried.
 * @example
 * const cancelPolicy: TurnPolicy = { name: 'cancel', try: (turn, ctx) => ctx.cues.cancel && … };
 */
export type TurnPolicy = {
  readonly name: string;
  try(turn: DialogueTurn, ctx: TurnContext): boolean;
};
