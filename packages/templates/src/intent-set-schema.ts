import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';

/** One intent with the customer utterances that teach the NLU model to recognise it. */
export const intentExamplesSchema = z.object({
  id: identifierSchema,
  utterances: z.array(z.string().trim().min(1)).min(1),
});

/**
 * `intents.json`: training utterances per intent, plus `outOfScope` examples
 * (chit-chat, other industries' requests) used to tune out-of-scope detection, and `vague` requests that
 * name no task ("卡那块", "想办点手续"), which the bot answers with a clarifying question.
 */
export const intentSetSchema = z.object({
  intents: z.array(intentExamplesSchema).min(1),
  outOfScope: z.array(z.string().trim().min(1)),
  vague: z.array(z.string().trim().min(1)).optional(),
});

export type IntentExamples = z.infer<typeof intentExamplesSchema>;
export type IntentSet = z.infer<typeof intentSetSchema>;
