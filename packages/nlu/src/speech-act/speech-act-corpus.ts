import { z } from 'zod';
import { SeededRandom } from '../classify/seeded-random.js';
import shippedCorpus from '../../data/speech-acts.json' with { type: 'json' };
import { SPEECH_ACT_LABELS, type SpeechActLabel } from './speech-act.js';

export const SPEECH_ACT_DOMAINS = ['ecommerce', 'finance', 'government', 'telecom', 'generic'] as const;

/** A labelled speech-act corpus file: groups of texts sharing a domain and a label. */
export const speechActCorpusSchema = z.object({
  description: z.string(),
  examples: z.array(
    z.object({
      domain: z.enum(SPEECH_ACT_DOMAINS),
      act: z.enum(SPEECH_ACT_LABELS),
      texts: z.array(z.string().trim().min(1)).min(1),
    }),
  ),
});
export type SpeechActCorpus = z.infer<typeof speechActCorpusSchema>;

export type SpeechActExample = { text: string; act: SpeechActLabel; domain: (typeof SPEECH_ACT_DOMAINS)[number] };

/**
 * The examples of a corpus, one per text, in file order.
 * @example speechActExamples(speechActCorpusSchema.parse(json)).length
 */
export function speechActExamples(corpus: SpeechActCorpus): SpeechActExample[] {
  return corpus.examples.flatMap((g) => g.texts.map((text) => ({ text, act: g.act, domain: g.domain })));
}

/** The examples that ship with the package (`data/speech-acts.json`), validated. */
export function shippedSpeechActExamples(): SpeechActExample[] {
  return speechActExamples(speechActCorpusSchema.parse(shippedCorpus));
}

/**
 * A seeded split stratified by domain and label: `holdOut` of every (domain, label) group is kept back for
 * measuring, the rest trains. The same examples and seed give the same split.
 * @example const { train, test } = splitSpeechActs(shippedSpeechActExamples(), { holdOut: 0.2, seed: 42 });
 */
export function splitSpeechActs(examples: readonly SpeechActExample[], options: { holdOut: number; seed: number }): { train: SpeechActExample[]; test: SpeechActExample[] } {
  const groups = new Map<string, SpeechActExample[]>();
  for (const e of examples) {
    const key = `${e.domain}/${e.act}`;
    const group = groups.get(key) ?? [];
    group.push(e);
    groups.set(key, group);
  }
  const random = new SeededRandom(options.seed);
  const train: SpeechActExample[] = [];
  const test: SpeechActExample[] = [];
  for (const key of [...groups.keys()].sort()) {
    const shuffled = random.shuffle([...(groups.get(key) as SpeechActExample[])]);
    const held = Math.round(shuffled.length * options.holdOut);
    test.push(...shuffled.slice(0, held));
    train.push(...shuffled.slice(held));
  }
  return { train, test };
}
