import { z } from 'zod';
import { plainTextSchema } from '../http/common-schemas.js';
import type { KbSuggestionRow } from '../kb/articles/kb-schema.js';

export const suggestionDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(['new_faq', 'paraphrase']),
  /** For `paraphrase`: the FAQ they would be added to (null if it was deleted meanwhile). */
  faqId: z.string().nullable(),
  /** For `new_faq` the proposed question; for `paraphrase` the FAQ's question. */
  question: z.string(),
  paraphrases: z.array(z.object({ text: z.string(), count: z.number() })),
  /** How many visitor questions the cluster holds. */
  sampleCount: z.number(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type SuggestionDto = z.infer<typeof suggestionDtoSchema>;

/** Accepting may edit the proposal; a new FAQ needs its answer. */
export const suggestionAcceptSchema = z.strictObject({
  question: plainTextSchema(500).optional(),
  answer: plainTextSchema(4000).optional(),
  paraphrases: z.array(plainTextSchema(500)).max(50).optional(),
  category: plainTextSchema(100).optional(),
});
export type SuggestionAcceptInput = z.infer<typeof suggestionAcceptSchema>;

export function toSuggestionDto(row: KbSuggestionRow): SuggestionDto {
  return {
    id: row.id,
    kind: row.kind,
    faqId: row.faq_id,
    question: row.question,
    paraphrases: row.paraphrases,
    sampleCount: row.sample_count,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}
