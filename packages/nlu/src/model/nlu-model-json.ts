import { z } from 'zod';
import { textClassifierJsonSchema } from '../classify/text-classifier.js';
import { knowledgeGraphSchema } from '../extract/index.js';
import { faqRetrieverOptionsSchema, faqSchema } from '../retrieval/faq-retriever.js';

export const NLU_MODEL_FORMAT = 'zhida-nlu';
export const NLU_MODEL_VERSION = 1;

/** The serialised model, version 1. Classifier weights are base64 Float32 arrays; the FAQ index is rebuilt on load. */
export const nluModelJsonSchema = z.object({
  format: z.literal(NLU_MODEL_FORMAT),
  version: z.literal(NLU_MODEL_VERSION),
  seed: z.number().int(),
  intents: textClassifierJsonSchema.nullable(),
  userWords: z.array(z.string()),
  synonyms: z.array(z.array(z.string())),
  faqs: z.array(faqSchema),
  faqOptions: faqRetrieverOptionsSchema,
  graph: knowledgeGraphSchema.nullable(),
});
export type NluModelJson = z.infer<typeof nluModelJsonSchema>;
