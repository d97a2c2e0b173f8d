import { z } from 'zod';

/**
 * One labelled customer message for the emotion and risk classifiers. `risk` is the classifier's scale
 * (`low` is reported as the public `medium`); `crisis` marks self-harm or despair, always `risk: 'high'`.
 */
export const affectExampleSchema = z.object({
  text: z.string().min(1),
  industry: z.string().optional(),
  emotion: z.enum(['anger', 'anxiety', 'neutral', 'satisfied']),
  risk: z.enum(['none', 'low', 'high']),
  crisis: z.boolean().optional(),
});
export type AffectExample = z.infer<typeof affectExampleSchema>;
