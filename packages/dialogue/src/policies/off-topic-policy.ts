import { halfWidth } from '../half-width.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * "今天天气怎么样" while an order number is asked is no wrong order number: a question we cannot answer.
 * The bot says so and asks again, without counting it against the answer's attempts.
 */
export const offTopicPolicy: TurnPolicy = {
  name: 'off-topic',
  try(turn, { here, event, generalQuestion, services }) {
    if (!here || here.frame.waiting !== 'slot' || !event.nlu.outOfScope || !generalQuestion || /\d/.test(halfWidth(event.text))) return false;
    turn.say(turn.phrase('offTopic'));
    services.runner.resume(turn, 'resumeFlow', 'fallback');
    return true;
  },
};
