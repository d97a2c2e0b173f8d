import { mentionsChangeOfMind, settledOn } from '../change-of-mind-cue.js';
import { findSlotCorrection } from '../slot-correction.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * "不对，订单号是…" / "改成…" / "单号我输错了，是…": the new value overwrites the filled slot it fits (see
 * `findSlotCorrection`), and what depended on it is redone; at a confirmation, another choice for an option slot
 * needs no cue ("要不还是上门取吧"). A correction that fits no filled slot is left to the other policies.
 */
export const correctionPolicy: TurnPolicy = {
  name: 'correction',
  try(turn, { here, cues, event, services }) {
    if (!here) return false;
    // At a confirmation, "要不还是让快递上门来取吧" changes a choice shown in the summary, cue or no cue; at any other
    // step a change of mind must say so ("想了想还是…", "actually … instead").
    const atConfirm = here.frame.waiting === 'confirm' && cues.confirmation === null;
    const valueText = cues.correction?.valueText ?? (atConfirm || mentionsChangeOfMind(event.text) ? event.text : undefined);
    if (valueText === undefined) return false;
    const only = cues.correction ? 'any' : 'options';
    const settled = cues.correction ? undefined : settledOn(event.text);
    const found =
      (settled === undefined ? undefined : findSlotCorrection(turn, here.flow, here.frame, settled, event.text, event.nlu.entities, services, only)) ??
      findSlotCorrection(turn, here.flow, here.frame, valueText, event.text, event.nlu.entities, services, only);
    if (!found) return false;
    services.runner.correct(turn, found.step, found.value);
    return true;
  },
};
