import { z } from 'zod';

/** What a bot turn achieved, for analytics (containment, clarification rate, handoff reasons). */
export const turnOutcomeSchema = z.enum([
  'answered',
  'clarified',
  'slot_filled',
  'action',
  'completed',
  'cancelled',
  'fallback',
  'handoff',
  'resumed',
]);

/** One analytics row per handled event. */
export const turnRecordSchema = z.object({
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  emotion: z.enum(['anger', 'anxiety', 'neutral', 'satisfied']).nullable(),
  flowId: z.string().nullable(),
  step: z.string().nullable(),
  outcome: turnOutcomeSchema,
  /** The FAQ answered in this turn, also when it was a question asked alongside a task ("我想退货，运费谁出"). */
  faqId: z.string().nullable(),
  /** The document passage answered from in this turn, when the answer came from the tenant's documents. */
  passageId: z.string().optional(),
});

export type TurnOutcome = z.infer<typeof turnOutcomeSchema>;
export type TurnRecord = z.infer<typeof turnRecordSchema>;
