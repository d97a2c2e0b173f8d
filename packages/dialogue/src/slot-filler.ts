import type { Clock } from './calendar-reader.js';
import { matchChoice } from './choice-matcher.js';
import type { SlotStep } from './flow-definition.js';
import { halfWidth } from './half-width.js';
import { namedValidators } from './named-validators.js';

/** What a slot can be filled from in one message. */
export type SlotInput = {
  text: string;
  entities: readonly { type: string; value: string }[];
  clock: Clock;
  /** The options the customer was shown for this slot (static or read from a result). */
  options: readonly { value: string; label: string; synonyms: readonly string[] }[] | null;
};

export type SlotFill = { ok: true; value: string } | { ok: false };

/** True when the slot only accepts values that pass a check (so a random sentence is not an answer). */
export function isStrictSlot(step: SlotStep): boolean {
  return (
    step.entity !== undefined ||
    (step.validator !== undefined && step.validator !== 'free_text') ||
    step.pattern !== undefined ||
    step.options !== undefined ||
    step.optionsFrom !== undefined
  );
}

/**
 * Takes a slot value from a message using the slot's checks, in order: options,
 * NLU entity of the slot's type (re-checked by the validator), validator
 * extraction from the text, then the pattern. Free-text slots are filled by the caller.
 * @example fillStrictSlot(orderIdStep, { text: '订单号E202611250001', entities: [], clock, options: null }) // { ok: true, value: 'E202611250001' }
 */
export function fillStrictSlot(step: SlotStep, input: SlotInput): SlotFill {
  if (input.options !== null) {
    const index = matchChoice(input.text, input.options);
    const picked = index === undefined ? undefined : input.options[index];
    return picked ? { ok: true, value: picked.value } : { ok: false };
  }
  const named = step.validator !== undefined && step.validator !== 'free_text' && step.validator !== 'slot_option' ? namedValidators[step.validator] : undefined;
  const pattern = step.pattern === undefined ? undefined : new RegExp(step.pattern, 'u');
  const passes = (value: string): boolean => (named ? named.accepts(value) : true) && (pattern ? pattern.test(value) : true);
  if (step.entity !== undefined) {
    for (const entity of input.entities) {
      if (entity.type !== step.entity) continue;
      const value = named?.normalize ? named.normalize(entity.value) : entity.value;
      if (passes(value)) return { ok: true, value };
    }
  }
  if (named) {
    const value = named.extract(input.text, input.clock);
    // When the slot names its NLU entity type, a number the NLU read as something else (a mobile number where an order number is asked) is not taken.
    const claimedElsewhere =
      value !== undefined &&
      input.entities.some(
        (e) =>
          (step.entity !== undefined && e.type !== step.entity && e.value.toUpperCase() === value.toUpperCase()) ||
          // The last four digits of a mobile number the NLU found are not a card's ("预留手机13600000038").
          (e.type !== step.entity && /^\+?\d+$/.test(e.value) && e.value.length > value.length && e.value.includes(value)),
      );
    if (value !== undefined && !claimedElsewhere && (!pattern || pattern.test(value))) return { ok: true, value };
    return { ok: false };
  }
  if (pattern) {
    const m = pattern.exec(halfWidth(input.text));
    const value = m?.[1] ?? m?.[0];
    if (value !== undefined && value !== '') return { ok: true, value };
  }
  return { ok: false };
}
