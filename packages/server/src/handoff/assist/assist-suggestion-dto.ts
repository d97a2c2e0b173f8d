import { z } from 'zod';
import type { AssistSuggestionKind } from '../handoff-schema.js';

export const assistSuggestionKinds = ['faq', 'article', 'passage', 'similar_conversation', 'similar_ticket', 'canned', 'empathy'] as const satisfies readonly AssistSuggestionKind[];

/** One suggestion shown to the agent; `id` is the stored row adoption is recorded on. */
export const assistSuggestionDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(assistSuggestionKinds),
  title: z.string(),
  body: z.string(),
  /** The FAQ, article, document passage, conversation, ticket or canned reply it comes from; null for an empathy line. */
  refId: z.string().nullable(),
  score: z.number().nullable(),
  /** Passages only: opens the document at the passage (not stored: a signed link that expires). */
  link: z.string().optional(),
});
export type AssistSuggestionDto = z.infer<typeof assistSuggestionDtoSchema>;

/** A suggestion before it is stored. */
export type AssistCandidate = Omit<AssistSuggestionDto, 'id'>;
