import { z } from 'zod';

/** One scored intent guess. */
export const intentScoreSchema = z.object({ name: z.string(), confidence: z.number() });

/** An entity found by the NLU; `value` is the canonical form (e.g. an order id without spaces). */
export const nluEntitySchema = z.object({
  type: z.string(),
  value: z.string(),
  text: z.string(),
  start: z.number(),
  end: z.number(),
  normalized: z.unknown().optional(),
  confidence: z.number(),
});

/**
 * The NLU result for one customer message. Declared here (structurally equal to
 * the `@zhida/nlu` parse) so the dialogue package does not depend on NLU internals.
 */
export const nluParseSchema = z.object({
  text: z.string(),
  normalized: z.string(),
  intent: intentScoreSchema.nullable(),
  candidates: z.array(intentScoreSchema),
  ambiguous: z.boolean(),
  outOfScope: z.boolean(),
  entities: z.array(nluEntitySchema),
  emotion: z.object({
    label: z.enum(['anger', 'anxiety', 'neutral', 'satisfied']),
    score: z.number(),
    cues: z.array(z.string()),
  }),
  risk: z.object({ level: z.enum(['none', 'medium', 'high']), reasons: z.array(z.string()) }),
  /** `intent`: the intent the FAQ's own wording reads as, when the NLU knows one (engine revision 6+). */
  faq: z.array(z.object({ id: z.string(), score: z.number(), confidence: z.number(), intent: z.string().optional() })),
  /**
   * What the message does: `question` asks how things work (policy, procedure, fees, times, places — answerable
   * without the customer's own data), `request` wants something done or asks about the customer's own case.
   * Optional: parses from before the NLU had it fall back to keyword cues.
   */
  act: z.object({ label: z.enum(['question', 'request']), confidence: z.number() }).optional(),
});

export type NluParse = z.infer<typeof nluParseSchema>;
export type NluEntity = z.infer<typeof nluEntitySchema>;
