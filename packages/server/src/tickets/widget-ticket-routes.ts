import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { visitorOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { FOLLOW_UP_CATEGORY_KEY } from './follow-up-category.js';
import type { TicketCategoryRepository } from './ticket-category-repository.js';
import { ticketFieldDefinitionSchema } from './ticket-field-values.js';
import { readTicketAttachments, TICKET_UPLOAD_BODY_LIMIT } from './ticket-attachment-files.js';
import { customerTicketDtoSchema } from './ticket-dto.js';
import { ticketAttachmentsInputSchema, ticketContactInputSchema, ticketDescriptionSchema, ticketFieldValuesInputSchema, ticketReplyBodySchema } from './ticket-input-schemas.js';
import { sendTicketFile } from './ticket-routes.js';
import type { TicketService } from './ticket-service.js';

const fileParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

/**
 * The customer's ticket API on a widget visitor token. A visitor sees the tickets of their own
 * visitor id, a verified one also every ticket with their customer ref; anything else is a 404.
 */
export const widgetTicketRoutes: FastifyPluginAsyncZod<{ tickets: TicketService; categories: TicketCategoryRepository }> = async (app, { tickets, categories }) => {
  const writesPerVisitor = app.rateLimits.limiter('tickets.widget_writes_per_visitor', 20, 60_000);

  app.get('/widget/ticket-categories', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), fields: z.array(ticketFieldDefinitionSchema) })) }) },
    },
    handler: async (req) => ({
      // 回访 is staff-only: a follow-up of a low rating, never something a customer files.
      items: (await categories.list(visitorOf(req).tenantId, { activeOnly: true })).filter((c) => c.key !== FOLLOW_UP_CATEGORY_KEY).map((c) => ({ id: c.id, key: c.key, name: c.name, fields: c.fields ?? [] })),
    }),
  });

  app.post('/widget/tickets', {
    config: { auth: 'visitor' },
    bodyLimit: TICKET_UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['widget'],
      body: z.strictObject({
        categoryId: z.uuid(),
        description: ticketDescriptionSchema,
        contact: ticketContactInputSchema.default({}),
        fields: ticketFieldValuesInputSchema.optional(),
        conversationId: z.uuid().optional(),
        attachments: ticketAttachmentsInputSchema.optional(),
      }),
      response: { 201: customerTicketDtoSchema },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      const files = readTicketAttachments(req.body.attachments);
      const customer = await tickets.customerOf(visitor);
      const { attachments: _files, ...input } = req.body;
      const ticket = await tickets.create(
        visitor.tenantId,
        { ...input, channel: 'widget', visitorId: visitor.visitorId, customerRef: customer.customerRef, attachments: files },
        { type: 'customer', id: visitor.visitorId },
      );
      return reply.status(201).send(await tickets.customerTicket(customer, ticket.id));
    },
  });

  app.get('/widget/tickets', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], response: { 200: z.object({ items: z.array(customerTicketDtoSchema) }) } },
    handler: async (req) => ({ items: await tickets.customerTickets(await tickets.customerOf(visitorOf(req))) }),
  });

  app.get('/widget/tickets/:id', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: customerTicketDtoSchema } },
    handler: async (req) => tickets.customerTicket(await tickets.customerOf(visitorOf(req)), req.params.id),
  });

  app.post('/widget/tickets/:id/replies', {
    config: { auth: 'visitor' },
    bodyLimit: TICKET_UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['widget'],
      params: idParamsSchema,
      body: z.strictObject({ body: ticketReplyBodySchema, attachments: ticketAttachmentsInputSchema.optional() }),
      response: { 200: customerTicketDtoSchema },
    },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      const files = readTicketAttachments(req.body.attachments);
      const customer = await tickets.customerOf(visitor);
      await tickets.customerReply(customer, req.params.id, { body: req.body.body, attachments: files });
      return tickets.customerTicket(customer, req.params.id);
    },
  });

  app.post('/widget/tickets/:id/confirm', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: customerTicketDtoSchema } },
    handler: async (req) => {
      const customer = await tickets.customerOf(visitorOf(req));
      await tickets.confirm(customer, req.params.id);
      return tickets.customerTicket(customer, req.params.id);
    },
  });

  app.post('/widget/tickets/:id/reopen', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: customerTicketDtoSchema } },
    handler: async (req) => {
      const customer = await tickets.customerOf(visitorOf(req));
      await tickets.reopen(customer, req.params.id);
      return tickets.customerTicket(customer, req.params.id);
    },
  });

  app.get('/widget/tickets/:id/attachments/:attachmentId', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: fileParams },
    handler: async (req, reply) => {
      const customer = await tickets.customerOf(visitorOf(req));
      await tickets.ownTicket(customer, req.params.id);
      return sendTicketFile(reply, await tickets.attachment(customer.tenantId, req.params.id, req.params.attachmentId, { publicOnly: true }));
    },
  });
};
