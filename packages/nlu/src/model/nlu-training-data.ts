import { z } from 'zod';
import { knowledgeGraphSchema } from '../extract/index.js';
import { faqSchema } from '../retrieval/faq-retriever.js';

/** What a tenant's NLU model is trained from. */
export const nluTrainingDataSchema = z.object({
  intents: z.array(z.object({ name: z.string().min(1), utterances: z.array(z.string()) })),
  faqs: z.array(faqSchema).default([]),
  /** Product and plan names; matched whole, as extra features, and fed to nothing else. */
  userWords: z.array(z.string()).default([]),
  /** Interchangeable words for FAQ search, e.g. [['退款', '退钱']]. */
  synonyms: z.array(z.array(z.string())).default([]),
  graph: knowledgeGraphSchema.optional(),
  /** Requests that name no task ("卡那块", "有点问题"), beside the built-in vague frames: taught as vague, never as an intent. */
  vague: z.array(z.string()).default([]),
});
export type NluTrainingData = z.input<typeof nluTrainingDataSchema>;
