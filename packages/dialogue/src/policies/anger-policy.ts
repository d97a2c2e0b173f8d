import { COMPLAINT_INTENT } from '../intent-labels.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * Strong anger goes to a person. A complaint, or a message with no clear task, needs less anger (`angryComplaint`)
 * than one with a task the bot can do (`strongAnger`): an angry "快递又延误了" still gets its task done.
 */
export const angerPolicy: TurnPolicy = {
  name: 'anger',
  try(turn, { nlu, services: { thresholds } }) {
    const task = nlu.outOfScope ? null : nlu.intent;
    const complaining = !task || task.confidence < thresholds.intent || task.name === COMPLAINT_INTENT;
    const bar = complaining ? thresholds.angryComplaint : thresholds.strongAnger;
    if (nlu.emotion.label !== 'anger' || nlu.emotion.score < bar) return false;
    turn.handOff({ reason: 'anger', priority: 'high' }, turn.phrase('handoffAnger'));
    return true;
  },
};
