import { z } from 'zod';
import { textClassifierJsonSchema } from '../classify/text-classifier.js';
import { topicIntentsJsonSchema } from '../classify/topic-intents.js';
import { vaguenessDetectorJsonSchema } from '../classify/vagueness-detector.js';
import { knowledgeGraphSchema } from '../extract/index.js';
import { faqRetrieverOptionsSchema, faqSchema } from '../retrieval/faq-retriever.js';

export const NLU_MODEL_FORMAT = 'zhida-nlu';
export const NLU_MODEL_VERSION = 1;
/**
 * Which training engine made a model, within one format version: a model from an older engine still loads
 * and answers as it was trained, but retraining it gives the engine's later improvements, so a server
 * retrains such models in the background. Raise it when training changes what a model decides.
 * 2: abstention compares the threshold with the leading three intents (`leadingLabels`).
 * 3: vague requests are flagged `ambiguous` (`vagueness`).
 * 4: the vagueness threshold is lower (0.3) and the templates have more vague examples.
 * 5: fragments several intents share are vague examples; a vague message's options follow its topics (`topicIntents`).
 * 6: each FAQ hit names the intent its own wording reads as (`faqIntents`).
 */
export const NLU_ENGINE_REVISION = 6;

/** Whether a stored model (object form, as saved) was trained by this engine revision or a later one. */
export function trainedByCurrentEngine(model: unknown): boolean {
  const engine = typeof model === 'object' && model !== null ? (model as { engine?: unknown }).engine : undefined;
  return (typeof engine === 'number' ? engine : 1) >= NLU_ENGINE_REVISION;
}

/** The serialised model, version 1. Classifier weights are base64 Float32 arrays; the FAQ index is rebuilt on load. */
export const nluModelJsonSchema = z.object({
  format: z.literal(NLU_MODEL_FORMAT),
  version: z.literal(NLU_MODEL_VERSION),
  /** Absent in models trained before engine revisions were recorded: revision 1. */
  engine: z.number().int().min(1).optional(),
  seed: z.number().int(),
  intents: textClassifierJsonSchema.nullable(),
  /** Absent in models trained before engine revision 3, or trained without it: no vague-request detection. */
  vagueness: vaguenessDetectorJsonSchema.optional(),
  /** Absent before engine revision 5: a vague message's options then come from the classifier alone. */
  topicIntents: topicIntentsJsonSchema.optional(),
  /** FAQ id → the intent its question and paraphrases read as, when most of them agree. Absent before engine revision 6. */
  faqIntents: z.record(z.string(), z.string()).optional(),
  userWords: z.array(z.string()),
  synonyms: z.array(z.array(z.string())),
  faqs: z.array(faqSchema),
  faqOptions: faqRetrieverOptionsSchema,
  graph: knowledgeGraphSchema.nullable(),
});
export type NluModelJson = z.infer<typeof nluModelJsonSchema>;
