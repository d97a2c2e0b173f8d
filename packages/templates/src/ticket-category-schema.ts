import { z } from 'zod';
import { identifierSchema } from './identifier-schema.js';
import { localizedTextSchema } from './localized-text-schema.js';
import { ticketFieldDefinitionSchema } from './ticket-field-schema.js';

/** P1 is the most urgent. */
export const ticketPriorities = ['P1', 'P2', 'P3', 'P4'] as const;

export const ticketPrioritySchema = z.enum(ticketPriorities);

/**
 * A ticket category with its owning department, default priority and SLA target,
 * e.g. 物流异常 → 物流部, P2, 240 minutes. `intents` lets the server pre-select the
 * category when a conversation with that intent is escalated.
 */
export const ticketCategorySchema = z.object({
  id: identifierSchema,
  name: localizedTextSchema,
  department: z.string().min(1),
  priority: ticketPrioritySchema,
  slaMinutes: z.number().int().positive(),
  intents: z.array(identifierSchema).default([]),
  /**
   * How customers word a ticket of this category, the classifier's seed training data. Where
   * categories overlap (a broken product is `quality_issue`, an unwanted one `return_exchange`)
   * the examples carry what tells them apart.
   */
  examples: z.array(z.string().trim().min(1).max(500)).default([]),
  /** What the submit form asks besides the description (an order number, the affected line…); keys unique per category. */
  fields: z
    .array(ticketFieldDefinitionSchema)
    .max(30)
    .default([])
    .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'field keys must be unique')
    .refine((fields) => fields.every((f) => (f.type === 'select') === (f.options !== undefined)), 'options are given exactly for select fields'),
});

/** `ticket-categories.json`. */
export const ticketCategoryListSchema = z.array(ticketCategorySchema);

export type TicketPriority = z.infer<typeof ticketPrioritySchema>;
export type TicketCategory = z.infer<typeof ticketCategorySchema>;
