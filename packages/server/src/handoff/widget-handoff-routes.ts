import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { visitorOf } from '../auth/auth-hooks.js';
import type { ConversationRepository } from '../conversations/conversation-repository.js';
import { idParamsSchema, messageTextSchema, plainTextSchema } from '../http/common-schemas.js';
import { visitorHandoffStatusSchema } from './handoff-dto.js';
import type { HandoffService } from './handoff-service.js';
import type { LeaveMessageService } from './leave-message-service.js';
import type { VisitorHandoffStatusReader } from './visitor-handoff-status-reader.js';

interface Deps {
  service: HandoffService;
  status: VisitorHandoffStatusReader;
  leaveMessage: LeaveMessageService;
  conversations: ConversationRepository;
}

/** The visitor's side: where they are in the queue, giving up, leaving a message. Someone else's conversation is a 404. */
export const widgetHandoffRoutes: FastifyPluginAsyncZod<Deps> = async (app, { service, status, leaveMessage, conversations }) => {
  // Each message becomes a ticket: a handful per visitor and hour is plenty.
  const messagesPerVisitor = app.rateLimits.limiter('handoff.left_messages_per_visitor', 5, 3_600_000);

  app.get('/widget/conversations/:id/handoff', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: visitorHandoffStatusSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await conversations.assertAccessible(visitor, req.params.id, visitor.visitorId);
      return status.statusOf(visitor, req.params.id, await status.localeOf(visitor, req.params.id));
    },
  });

  app.post('/widget/conversations/:id/handoff/cancel', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, response: { 200: visitorHandoffStatusSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await conversations.assertAccessible(visitor, req.params.id, visitor.visitorId);
      await service.cancel(visitor, req.params.id);
      return status.statusOf(visitor, req.params.id, await status.localeOf(visitor, req.params.id));
    },
  });

  app.post('/widget/conversations/:id/leave-message', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      params: idParamsSchema,
      body: z.strictObject({ text: messageTextSchema, contact: plainTextSchema(200).optional() }),
      response: { 201: z.object({ ticketNumber: z.string() }) },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await conversations.assertAccessible(visitor, req.params.id, visitor.visitorId);
      await messagesPerVisitor.hit(visitor.visitorId);
      return reply.status(201).send(await leaveMessage.leave(visitor, req.params.id, req.body));
    },
  });
};
