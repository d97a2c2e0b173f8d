import { COMPLAINT_INTENT } from '../intent-labels.js';
import type { TurnPolicy } from './turn-policy.js';

/** The emotion reader's cue for the word that files a complaint. */
const FILING_CUE = '投诉';

/**
 * Strong anger goes to a person. A complaint, or a message with no clear task, needs less anger (`angryComplaint`)
 * than one with a task the bot can do (`strongAnger`): an angry "快递又延误了" still gets its task done.
 */
export const angerPolicy: TurnPolicy = {
  name: 'anger',
  try(turn, { nlu, services }) {
    const { thresholds } = services;
    const task = nlu.outOfScope ? null : nlu.intent;
    const complaining = !task || task.confidence < thresholds.intent || task.name === COMPLAINT_INTENT;
    const bar = complaining ? thresholds.angryComplaint : thresholds.strongAnger;
    if (nlu.emotion.label !== 'anger' || nlu.emotion.score < bar) return false;
    // "投诉一下你们的柜员，态度差得要命" asks for the complaint to be filed, and part of the anger the NLU reads is that
    // very word (its cue 投诉): short of strong anger the complaint flow records it for a specialist to follow up.
    const filing = task?.name === COMPLAINT_INTENT && nlu.emotion.cues.includes(FILING_CUE) && services.registry.forIntent(COMPLAINT_INTENT) !== undefined;
    if (filing && nlu.emotion.score < thresholds.strongAnger) return false;
    turn.handOff({ reason: 'anger', priority: 'high' }, turn.phrase('handoffAnger'));
    return true;
  },
};
