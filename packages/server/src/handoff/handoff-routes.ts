import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { roleCan } from '../auth/permissions.js';
import { conversationDtoSchema, messageDtoSchema } from '../conversations/conversation-dto.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import { clientMsgIdSchema, idParamsSchema, messageTextSchema, plainTextSchema } from '../http/common-schemas.js';
import { signedInUser } from './agent-routes.js';
import { handoffOverviewDtoSchema, handoffRequestDtoSchema } from './handoff-dto.js';
import type { HandoffQueueView } from './handoff-queue-view.js';
import type { HandoffService } from './handoff-service.js';
import type { HandoffTransferService } from './handoff-transfer-service.js';
import type { InternalNoteService } from './internal-note-service.js';

interface Deps {
  service: HandoffService;
  transfers: HandoffTransferService;
  view: HandoffQueueView;
  notes: InternalNoteService;
  conversations: ConversationRepository;
}

const transferBody = z
  .strictObject({ toUserId: z.uuid().optional(), toGroupId: z.uuid().optional(), note: plainTextSchema(1000).optional() })
  .refine((b) => (b.toUserId === undefined) !== (b.toGroupId === undefined), 'name exactly one of toUserId and toGroupId');

/** The staff side of the handoff queue (docs/design/handoff.md, "Staff API"). */
export const handoffRoutes: FastifyPluginAsyncZod<Deps> = async (app, { service, transfers, view, notes, conversations }) => {
  app.get('/handoff/queue', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], response: { 200: z.object({ items: z.array(handoffRequestDtoSchema) }) } },
    handler: async (req) => {
      const staff = staffOf(req);
      // Supervisors (and API keys with that role) see every group's queue; agents their own groups'.
      const everyGroup = roleCan(staff.role, 'handoff.supervise') || staff.kind !== 'user';
      return { items: await view.waiting(staff, everyGroup ? null : staff.userId) };
    },
  });

  app.get('/handoff/mine', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], response: { 200: z.object({ items: z.array(handoffRequestDtoSchema) }) } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      return { items: await view.mine(user, user.userId) };
    },
  });

  app.get('/handoff/overview', {
    config: { auth: 'handoff.supervise' },
    schema: { tags: ['handoff'], response: { 200: handoffOverviewDtoSchema } },
    handler: async (req) => view.overview(staffOf(req)),
  });

  app.post('/handoff/requests/:id/accept', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: handoffRequestDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      const row = await service.accept(user, req.params.id);
      return view.one(user, row.id);
    },
  });

  app.post('/handoff/requests/:id/decline', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: handoffRequestDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      const row = await service.decline(user, req.params.id);
      return view.one(user, row.id);
    },
  });

  app.post('/handoff/requests/:id/reassign', {
    config: { auth: 'handoff.supervise' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: z.strictObject({ toUserId: z.uuid() }), response: { 200: handoffRequestDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      const row = await transfers.reassign(user, req.params.id, req.body.toUserId);
      return view.one(user, row.id);
    },
  });

  app.post('/conversations/:id/transfer', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: transferBody, response: { 200: handoffRequestDtoSchema } },
    handler: async (req) => {
      const user = signedInUser(staffOf(req));
      const target = req.body.toUserId !== undefined ? { userId: req.body.toUserId } : { groupId: req.body.toGroupId! };
      const row = await transfers.transfer(user, req.params.id, target, req.body.note ?? null);
      return view.one(user, row.id);
    },
  });

  app.post('/conversations/:id/notes', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: z.strictObject({ text: messageTextSchema, clientMsgId: clientMsgIdSchema }), response: { 200: messageDtoSchema, 201: messageDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const author = { tenantId: staff.tenantId, userId: staff.kind === 'user' ? staff.userId : null, name: staff.kind === 'user' ? staff.name : null };
      const result = await notes.note(author, req.params.id, req.body.text, req.body.clientMsgId);
      return reply.status(result.created ? 201 : 200).send(result.message);
    },
  });

  app.post('/conversations/:id/invite', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: z.strictObject({ userId: z.uuid(), note: plainTextSchema(500).optional() }), response: { 201: messageDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      const author = { tenantId: staff.tenantId, userId: staff.kind === 'user' ? staff.userId : null, name: staff.kind === 'user' ? staff.name : null };
      return reply.status(201).send(await notes.invite(author, req.params.id, req.body));
    },
  });

  app.post('/conversations/:id/close', {
    config: { auth: 'conversations.update' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: z.strictObject({ disposition: z.enum(['resolved', 'needs_ticket', 'spam']) }), response: { 200: conversationDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      await service.close(staff, req.params.id, req.body.disposition);
      return conversations.get(staff, req.params.id);
    },
  });
};
