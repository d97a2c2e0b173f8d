import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';

/** One FAQ entry; `links` point at knowledge-graph node ids the answer is about. */
export const faqEntrySchema = z.object({
  id: identifierSchema,
  question: z.string().min(2),
  paraphrases: z.array(z.string().min(2)).min(2).max(12),
  answer: z.string().min(10),
  category: z.string().min(1),
  links: z.array(identifierSchema).optional(),
});

/** `faqs.json`. */
export const faqListSchema = z.array(faqEntrySchema);

export type FaqEntry = z.infer<typeof faqEntrySchema>;
