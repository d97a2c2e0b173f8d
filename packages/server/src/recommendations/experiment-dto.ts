import { z } from 'zod';
import { RECOMMENDATION_STRATEGIES } from './recommendation-scorer.js';

const interval = z.object({ low: z.number(), high: z.number() });

export const variantStatsSchema = z.object({
  key: z.string(),
  strategy: z.enum(RECOMMENDATION_STRATEGIES),
  weight: z.number().int(),
  /** Lists of recommendations shown to this arm. */
  exposures: z.number().int(),
  /** Exposures that got a click (the first click of a list counts; a list is clicked or not). */
  clicks: z.number().int(),
  /** clicks ÷ exposures, with its 95 % Wilson interval; null before the first exposure. */
  ctr: z.number().nullable(),
  ctrInterval: interval.nullable(),
  visitors: z.number().int(),
  clickingVisitors: z.number().int(),
});

export const experimentDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['running', 'stopped']),
  rolloutVariant: z.string().nullable(),
  createdAt: z.string(),
  stoppedAt: z.string().nullable(),
  variants: z.array(variantStatsSchema),
  /** The first personalised arm against the first popular-only arm, when the experiment has both. */
  comparison: z
    .object({
      treatment: z.string(),
      control: z.string(),
      /** CTR difference treatment − control with Newcombe's 95 % interval. */
      difference: z.number(),
      differenceInterval: interval,
      /** Relative lift CTR_t ÷ CTR_c − 1 with a 95 % (log risk ratio) interval; null while an arm has no clicks. */
      lift: z.number().nullable(),
      liftInterval: interval.nullable(),
      /** The difference's interval excludes 0. */
      significant: z.boolean(),
    })
    .nullable(),
});
export type ExperimentDto = z.infer<typeof experimentDtoSchema>;

const variantInputSchema = z.strictObject({
  key: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'key: lower-case letters, digits, _ or -, up to 32'),
  strategy: z.enum(RECOMMENDATION_STRATEGIES),
  weight: z.number().int().min(0).max(100),
});

const variantsSchema = z
  .array(variantInputSchema)
  .min(2)
  .max(4)
  .refine((vs) => new Set(vs.map((v) => v.key)).size === vs.length, 'variant keys must be unique')
  .refine((vs) => vs.some((v) => v.weight > 0), 'at least one variant needs a weight above 0');

export const experimentCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  variants: variantsSchema,
});
export type ExperimentCreate = z.infer<typeof experimentCreateSchema>;

export const experimentUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    /** Stopping is final (a new experiment is created to test again); `rolloutVariant` says who wins. */
    status: z.literal('stopped').optional(),
    rolloutVariant: z.string().max(32).nullable().optional(),
    /** New weights for existing variants (future assignments only; everyone assigned keeps their arm). */
    weights: z.record(z.string(), z.number().int().min(0).max(100)).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'nothing to update');
export type ExperimentUpdate = z.infer<typeof experimentUpdateSchema>;
