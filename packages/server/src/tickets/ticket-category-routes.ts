import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { ticketPrioritySchema } from './ticket-dto.js';
import type { TicketCategoryRepository, TicketCategoryRow } from './ticket-category-repository.js';
import { ticketFieldDefinitionSchema } from './ticket-field-values.js';
import type { TicketClassifierPort } from './ticket-ports.js';

export const ticketCategoryDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  fields: z.array(ticketFieldDefinitionSchema),
  examples: z.array(z.string()),
  defaultGroupId: z.string().nullable(),
  defaultPriority: ticketPrioritySchema,
  position: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type TicketCategoryDto = z.infer<typeof ticketCategoryDtoSchema>;

export function toTicketCategoryDto(row: TicketCategoryRow): TicketCategoryDto {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    fields: row.fields ?? [],
    examples: row.examples ?? [],
    defaultGroupId: row.default_group_id,
    defaultPriority: row.default_priority,
    position: row.position,
    active: row.active,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const fieldsSchema = z
  .array(ticketFieldDefinitionSchema)
  .max(20)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'field keys must be unique')
  .refine((fields) => fields.every((f) => (f.type === 'select') === (f.options !== undefined)), 'a select field needs options, and only a select field has them');

const categoryBody = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'lower-case letters, digits and _, e.g. return_exchange'),
  name: z.string().trim().min(1).max(50),
  description: z.string().trim().max(500).optional(),
  fields: fieldsSchema.optional(),
  examples: z.array(z.string().trim().min(1).max(500)).max(500).optional(),
  defaultGroupId: z.uuid().nullable().optional(),
  defaultPriority: ticketPrioritySchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});

/** The admin side of categories; every change makes the classifier retrain from the new data. */
export const ticketCategoryRoutes: FastifyPluginAsyncZod<{ categories: TicketCategoryRepository; classifier: TicketClassifierPort }> = async (app, { categories, classifier }) => {
  app.get('/ticket-categories', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], response: { 200: z.object({ items: z.array(ticketCategoryDtoSchema) }) } },
    handler: async (req) => ({ items: (await categories.list(staffOf(req).tenantId, { activeOnly: false })).map(toTicketCategoryDto) }),
  });

  app.post('/ticket-categories', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], body: categoryBody, response: { 201: ticketCategoryDtoSchema } },
    handler: async (req, reply) => {
      const { tenantId } = staffOf(req);
      const row = await categories.create(tenantId, req.body);
      classifier.invalidate(tenantId);
      return reply.status(201).send(toTicketCategoryDto(row));
    },
  });

  app.patch('/ticket-categories/:id', {
    config: { auth: 'tickets.admin' },
    schema: { tags: ['tickets'], params: idParamsSchema, body: categoryBody.omit({ key: true }).partial(), response: { 200: ticketCategoryDtoSchema } },
    handler: async (req) => {
      const { tenantId } = staffOf(req);
      const row = await categories.update(tenantId, req.params.id, req.body);
      classifier.invalidate(tenantId);
      return toTicketCategoryDto(row);
    },
  });
};
