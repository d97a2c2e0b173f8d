import { z } from 'zod';

/**
 * One test on a value found by path (`slots.orderId`, `result.returnable`, `context.identityVerified`).
 * Conditions are data, never code: there is no expression language to evaluate.
 */
export const conditionSchema = z.object({
  path: z.string().min(1),
  op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'missing', 'truthy', 'falsy']),
  value: z.unknown().optional(),
});

export type Condition = z.infer<typeof conditionSchema>;
