import { z } from 'zod';
import type { FaqRow } from '../db/schema.js';
import { plainTextSchema } from '../http/common-schemas.js';

export const faqInputSchema = z.strictObject({
  question: plainTextSchema(500),
  paraphrases: z.array(plainTextSchema(500)).max(50).default([]),
  answer: plainTextSchema(4000),
  category: plainTextSchema(100).default('通用'),
});
export type FaqInput = z.infer<typeof faqInputSchema>;

export const faqPatchSchema = z.strictObject({
  question: plainTextSchema(500).optional(),
  paraphrases: z.array(plainTextSchema(500)).max(50).optional(),
  answer: plainTextSchema(4000).optional(),
  category: plainTextSchema(100).optional(),
});

export const faqDtoSchema = z.object({
  id: z.string(),
  question: z.string(),
  paraphrases: z.array(z.string()),
  answer: z.string(),
  category: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FaqDto = z.infer<typeof faqDtoSchema>;

export function toFaqDto(row: FaqRow): FaqDto {
  return {
    id: row.id,
    question: row.question,
    paraphrases: row.paraphrases,
    answer: row.answer,
    category: row.category,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
