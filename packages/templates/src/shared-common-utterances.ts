import type { IntentExamples, IntentSet } from './intent-set-schema.js';
import { commonIntentIds } from './required-intent-ids.js';
import { utteranceKey } from './utterance-key.js';

/**
 * Greeting, thanks, goodbye and "a person, please" are said the same way whatever the industry, yet
 * each template's writers only thought of some of the ways. This gathers the other templates'
 * examples of those common intents that `own` does not have yet, to be trained on beside its own.
 *
 * An utterance is left out when `own` already has it under any intent or as out of scope (the owner's
 * label wins: "有人吗" may be a greeting in one template and a request for an agent in another), and when
 * donors disagree about it (another intent, or out of scope). Returns one entry per common intent that gains anything, in
 * `commonIntentIds` order, each list in donor order.
 *
 * @example
 * const extra = sharedCommonUtterances(telecom.intents, [ecommerce.intents, finance.intents]);
 * // [{ id: 'greeting', utterances: ['亲，在吗', …] }, { id: 'thanks', … }, …]
 */
export function sharedCommonUtterances(own: IntentSet, donors: readonly IntentSet[]): IntentExamples[] {
  const taken = new Set([...own.intents.flatMap((i) => i.utterances), ...own.outOfScope].map(utteranceKey));
  const ownIds = new Set(own.intents.map((i) => i.id));
  const common = commonIntentIds.filter((id) => ownIds.has(id));
  const labelOf = new Map<string, string | null>();
  const firstText = new Map<string, string>();
  for (const donor of donors) {
    for (const intent of [...donor.intents, { id: '', utterances: donor.outOfScope }]) {
      for (const text of intent.utterances) {
        const key = utteranceKey(text);
        if (key.length === 0 || taken.has(key)) continue;
        const label = labelOf.get(key);
        if (label === undefined) {
          labelOf.set(key, (common as readonly string[]).includes(intent.id) ? intent.id : null);
          firstText.set(key, text);
        } else if (label !== intent.id) {
          labelOf.set(key, null);
        }
      }
    }
  }
  const byIntent = new Map<string, string[]>(common.map((id) => [id, []]));
  for (const [key, label] of labelOf) if (label !== null) byIntent.get(label)?.push(firstText.get(key) as string);
  return common.map((id) => ({ id, utterances: byIntent.get(id) ?? [] })).filter((i) => i.utterances.length > 0);
}

/**
 * `own` with {@link sharedCommonUtterances} appended at the end of its common intents (its own examples
 * keep their places, so a train/eval split of its own lists is unchanged).
 */
export function withSharedCommonUtterances(own: IntentSet, donors: readonly IntentSet[]): IntentSet {
  const extra = new Map(sharedCommonUtterances(own, donors).map((i) => [i.id, i.utterances]));
  return {
    intents: own.intents.map((i) => ({ id: i.id, utterances: [...i.utterances, ...(extra.get(i.id) ?? [])] })),
    outOfScope: [...own.outOfScope],
    ...(own.vague ? { vague: [...own.vague] } : {}),
  };
}
