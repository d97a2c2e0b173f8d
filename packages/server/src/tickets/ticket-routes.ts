import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { contentDisposition } from '../selfservice/safe-filename.js';
import { readTicketAttachments, TICKET_UPLOAD_BODY_LIMIT } from './ticket-attachment-files.js';
import { ticketDtoSchema, ticketEventDtoSchema, ticketPrioritySchema, ticketStatusSchema, ticketSummaryDtoSchema } from './ticket-dto.js';
import {
  ticketAttachmentsInputSchema,
  ticketContactInputSchema,
  ticketDescriptionSchema,
  ticketFieldValuesInputSchema,
  ticketReplyBodySchema,
  ticketSubjectSchema,
} from './ticket-input-schemas.js';
import type { TicketActor, TicketService } from './ticket-service.js';

const patchSchema = z.strictObject({
  status: ticketStatusSchema.optional(),
  priority: ticketPrioritySchema.optional(),
  categoryId: z.uuid().optional(),
  groupId: z.uuid().optional(),
  assigneeId: z.uuid().nullable().optional(),
});

const fileParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export function staffActor(staff: StaffPrincipal): TicketActor {
  return staff.kind === 'user' ? { type: 'agent', id: staff.userId } : { type: 'api', id: staff.keyId };
}

/** Sends a stored file so that no browser renders it in our origin. */
export function sendTicketFile(reply: import('fastify').FastifyReply, file: { filename: string; content_type: string; data: Buffer | Uint8Array }) {
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', contentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.data));
}

/** The staff / API-key ticket API (docs/design/tickets.md). */
export const ticketRoutes: FastifyPluginAsyncZod<{ tickets: TicketService }> = async (app, { tickets }) => {
  app.get('/tickets', {
    config: { auth: 'tickets.read' },
    schema: {
      tags: ['tickets'],
      querystring: z.strictObject({
        queue: z.enum(['all', 'mine', 'my_groups', 'unassigned', 'triage', 'due_soon', 'breached']).default('all'),
        status: ticketStatusSchema.optional(),
        priority: ticketPrioritySchema.optional(),
        categoryId: z.uuid().optional(),
        groupId: z.uuid().optional(),
        assigneeId: z.uuid().optional(),
        q: z.string().max(200).optional().describe('A ticket number, a phone number, or words (Chinese is segmented)'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().optional().describe('Opaque: the `nextCursor` of the previous page, with the same filter'),
      }),
      response: { 200: z.object({ items: z.array(ticketSummaryDtoSchema), nextCursor: z.string().nullable(), total: z.number().int() }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      return tickets.list(staff.tenantId, { ...req.query, userId: staff.kind === 'user' ? staff.userId : null });
    },
  });

  app.post('/tickets', {
    config: { auth: 'tickets.write' },
    bodyLimit: TICKET_UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['tickets'],
      body: z.strictObject({
        description: ticketDescriptionSchema,
        subject: ticketSubjectSchema.optional(),
        categoryId: z.uuid().optional(),
        priority: ticketPrioritySchema.optional(),
        contact: ticketContactInputSchema.optional(),
        fields: ticketFieldValuesInputSchema.optional(),
        customerRef: z.string().trim().min(1).max(200).optional(),
        customerTier: z.string().trim().min(1).max(50).optional(),
        conversationId: z.uuid().optional(),
        attachments: ticketAttachmentsInputSchema.optional(),
      }),
      response: { 201: ticketDtoSchema },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const { attachments, ...input } = req.body;
      const files = readTicketAttachments(attachments);
      const ticket = await tickets.create(staff.tenantId, { ...input, channel: staff.kind === 'user' ? 'console' : 'api', attachments: files }, staffActor(staff));
      return reply.status(201).send(await tickets.get(staff.tenantId, ticket.id));
    },
  });

  app.post('/tickets/bulk', {
    config: { auth: 'tickets.write' },
    schema: {
      tags: ['tickets'],
      body: z.strictObject({ ids: z.array(z.uuid()).min(1).max(100), patch: patchSchema.omit({ categoryId: true }) }),
      response: { 200: z.object({ updated: z.number().int() }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      return { updated: await tickets.bulk(staff.tenantId, req.body.ids, req.body.patch, staffActor(staff)) };
    },
  });

  app.get('/tickets/:id', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], params: idParamsSchema, response: { 200: ticketDtoSchema } },
    handler: async (req) => tickets.get(staffOf(req).tenantId, req.params.id),
  });

  app.get('/tickets/:id/events', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], params: idParamsSchema, response: { 200: z.object({ items: z.array(ticketEventDtoSchema) }) } },
    handler: async (req) => ({ items: await tickets.eventsOf(staffOf(req).tenantId, req.params.id) }),
  });

  app.patch('/tickets/:id', {
    config: { auth: 'tickets.write' },
    schema: { tags: ['tickets'], params: idParamsSchema, body: patchSchema, response: { 200: ticketDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      await tickets.update(staff.tenantId, req.params.id, req.body, staffActor(staff));
      return tickets.get(staff.tenantId, req.params.id);
    },
  });

  app.post('/tickets/:id/replies', {
    config: { auth: 'tickets.write' },
    bodyLimit: TICKET_UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['tickets'],
      params: idParamsSchema,
      body: z.strictObject({ body: ticketReplyBodySchema, internal: z.boolean().default(false), attachments: ticketAttachmentsInputSchema.optional() }),
      response: { 201: ticketEventDtoSchema },
    },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const files = readTicketAttachments(req.body.attachments);
      const event = await tickets.reply(staff.tenantId, req.params.id, { body: req.body.body, internal: req.body.internal, attachments: files }, staffActor(staff));
      return reply.status(201).send(event);
    },
  });

  app.post('/tickets/:id/merge', {
    config: { auth: 'tickets.write' },
    schema: { tags: ['tickets'], params: idParamsSchema, body: z.strictObject({ intoTicketId: z.uuid() }), response: { 200: ticketDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      const target = await tickets.merge(staff.tenantId, req.params.id, req.body.intoTicketId, staffActor(staff));
      return tickets.get(staff.tenantId, target.id);
    },
  });

  app.get('/tickets/:id/attachments/:attachmentId', {
    config: { auth: 'tickets.read' },
    schema: { tags: ['tickets'], params: fileParams },
    handler: async (req, reply) => sendTicketFile(reply, await tickets.attachment(staffOf(req).tenantId, req.params.id, req.params.attachmentId)),
  });
};
