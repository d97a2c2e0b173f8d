import type { IntentExamples } from './intent-set-schema.js';
import type { IndustryTemplate } from './template-schema.js';

export interface UtteranceSplit {
  /** Per intent, the utterances a model may be trained on. */
  train: IntentExamples[];
  /** Per intent, the held-back utterances a benchmark reports on; never train on these. */
  eval: IntentExamples[];
  outOfScope: { train: string[]; eval: string[] };
}

export interface SplitOptions {
  /** Share of each list held back, in (0, 1). 0.2 holds back every 5th utterance. */
  holdOut: number;
}

/**
 * Splits every intent's utterances (and the out-of-scope examples) into train and
 * eval parts, deterministically and evenly spread through each list: item `i` is held
 * back when `floor((i + 1) · holdOut)` steps past `floor(i · holdOut)`.
 *
 * @example
 * const { train, eval: heldBack } = splitUtterances(template, { holdOut: 0.2 });
 * const model = NluModel.train({ intents: train.map((i) => ({ name: i.id, utterances: i.utterances })) });
 */
export function splitUtterances(template: Pick<IndustryTemplate, 'intents'>, options: SplitOptions): UtteranceSplit {
  const { holdOut } = options;
  if (!(holdOut > 0 && holdOut < 1)) throw new RangeError(`holdOut must be in (0, 1), got ${holdOut}`);
  const train: IntentExamples[] = [];
  const heldBack: IntentExamples[] = [];
  for (const intent of template.intents.intents) {
    const parts = splitList(intent.utterances, holdOut);
    train.push({ id: intent.id, utterances: parts.train });
    heldBack.push({ id: intent.id, utterances: parts.eval });
  }
  return { train, eval: heldBack, outOfScope: splitList(template.intents.outOfScope, holdOut) };
}

function splitList(items: readonly string[], holdOut: number): { train: string[]; eval: string[] } {
  const train: string[] = [];
  const heldBack: string[] = [];
  items.forEach((item, i) => {
    // A small epsilon keeps 0.2 · 5 from landing at 0.999… because of binary floats.
    const isHeldBack = Math.floor((i + 1) * holdOut + 1e-9) > Math.floor(i * holdOut + 1e-9);
    (isHeldBack ? heldBack : train).push(item);
  });
  return { train, eval: heldBack };
}
