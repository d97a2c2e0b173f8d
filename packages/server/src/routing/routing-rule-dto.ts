import { z } from 'zod';
import { plainTextSchema } from '../http/common-schemas.js';
import { ticketPrioritySchema } from '../tickets/ticket-dto.js';

export const routingRuleDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  categoryKeys: z.array(z.string()),
  keywords: z.array(z.string()),
  customerTiers: z.array(z.string()),
  group: z.object({ id: z.string(), name: z.string() }),
  /** The priority a matching ticket gets; null leaves it. */
  priority: ticketPrioritySchema.nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type RoutingRuleDto = z.infer<typeof routingRuleDtoSchema>;

const categoryKeySchema = z.string().min(1).max(64).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . - only');

export const routingRuleInputSchema = z.strictObject({
  name: plainTextSchema(100),
  /** Rules are tried in ascending position; the first whose every non-empty condition matches wins. */
  position: z.number().int().min(0).max(1_000_000).optional(),
  categoryKeys: z.array(categoryKeySchema).max(50).optional(),
  /** Any one occurring in the ticket's text matches (compared in simplified, half-width, lower case). */
  keywords: z.array(plainTextSchema(50)).max(100).optional(),
  customerTiers: z.array(plainTextSchema(50)).max(20).optional(),
  groupId: z.uuid(),
  priority: ticketPrioritySchema.nullable().optional(),
  active: z.boolean().optional(),
});
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

export const routingRulePatchSchema = routingRuleInputSchema.partial();
export type RoutingRulePatch = z.infer<typeof routingRulePatchSchema>;
