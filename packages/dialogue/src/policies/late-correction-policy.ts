import { findSlotCorrection } from '../slot-correction.js';
import type { TurnPolicy } from './turn-policy.js';

/** How many turns after a flow ended a correction may still reopen it. */
const WITHIN_TURNS = 2;

/**
 * Right after a flow ended on a result the customer did not expect ("这个订单不能退"), "刚才单号发错了，是…" — or
 * just another value for the same thing with no other request ("我说的是居住证那个，SQ…") — reopens that flow,
 * corrects the slot and redoes what depended on it (the lookup, the questions after it).
 */
export const lateCorrectionPolicy: TurnPolicy = {
  name: 'late-correction',
  try(turn, { here, cues, event, confident, services }) {
    const recent = turn.state.recent;
    if (here || !recent || turn.state.turn - recent.turn > WITHIN_TURNS) return false;
    if (!services.registry.hasStep(recent.frame.flowId, recent.frame.stepId)) return false;
    const flow = services.registry.get(recent.frame.flowId);
    // Without a correction cue, the message must not ask for anything else: no question, no other task.
    const plainValue = !cues.correction && !cues.asks && (confident === null || confident.name === flow.intent);
    const valueText = cues.correction?.valueText ?? (plainValue ? event.text : undefined);
    if (valueText === undefined) return false;
    const found = findSlotCorrection(turn, flow, recent.frame, valueText, event.text, event.nlu.entities, services);
    if (!found || !services.runner.reopen(turn.state, WITHIN_TURNS)) return false;
    turn.intent = flow.intent ? { name: flow.intent, confidence: 1 } : null;
    services.runner.correct(turn, found.step, found.value);
    return true;
  },
};
