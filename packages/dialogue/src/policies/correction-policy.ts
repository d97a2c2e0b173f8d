import type { SlotStep } from '../flow-definition.js';
import { fillStrictSlot, isStrictSlot } from '../slot-filler.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * "不对，订单号是…" / "改成…": the new value overwrites the filled slot it fits, preferring one the message names,
 * and what depended on it is redone. A correction that fits no filled slot is left to the other policies.
 */
export const correctionPolicy: TurnPolicy = {
  name: 'correction',
  try(turn, { here, cues, event, services }) {
    if (!here || !cues.correction) return false;
    const { flow, frame } = here;
    const valueText = cues.correction.valueText;
    const slots = flow.steps.filter((s): s is SlotStep => s.type === 'slot' && isStrictSlot(s) && frame.slots[s.slot] !== undefined && frame.slots[s.slot] !== null);
    const named = slots.filter((s) => valueText.includes(s.label.zh) || valueText.toLowerCase().includes(s.label.en.toLowerCase()));
    for (const step of [...named, ...slots.filter((s) => !named.includes(s))]) {
      const fill = fillStrictSlot(step, { text: valueText, entities: event.nlu.entities, clock: turn.clock, options: services.runner.optionsFor(turn, step, frame) });
      if (fill.ok && fill.value !== frame.slots[step.slot]) {
        services.runner.correct(turn, step, fill.value);
        return true;
      }
    }
    return false;
  },
};
