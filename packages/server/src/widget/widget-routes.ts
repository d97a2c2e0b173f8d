import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { visitorOf } from '../auth/auth-hooks.js';
import { messageDtoSchema } from '../conversations/conversation-dto.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { clientMsgIdSchema, idParamsSchema, messageTextSchema, plainTextSchema } from '../http/common-schemas.js';

const startBody = z.strictObject({
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a tenant slug such as demo-ecommerce'),
  userId: plainTextSchema(200).optional(),
  userHash: z.string().max(200).optional(),
  name: plainTextSchema(100).optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  /** `app` when a native app or mini-program starts it through @zhida/client; the widget's are `web`. Other channels have their own adapters. */
  channel: z.enum(['web', 'app']).optional(),
});

/** The public visitor API used by the widget and by any custom front end. */
export const widgetRoutes: FastifyPluginAsyncZod<{ conversations: ConversationService }> = async (app, { conversations }) => {
  const startsPerIp = app.rateLimits.limiter('widget.starts_per_ip', 30, 60_000);
  const messagesPerVisitor = app.rateLimits.limiter('widget.messages_per_visitor', 60, 60_000);

  app.post('/widget/conversations', {
    config: { auth: 'public' },
    schema: {
      tags: ['widget'],
      body: startBody,
      response: {
        201: z.object({
          conversationId: z.string(),
          visitorToken: z.string(),
          visitor: z.object({ id: z.string(), name: z.string().nullable(), verified: z.boolean() }),
          messages: z.array(messageDtoSchema),
        }),
      },
    },
    handler: async (req, reply) => {
      await startsPerIp.hit(req.ip);
      const result = await conversations.startForVisitor(req.body.tenant, { userId: req.body.userId, userHash: req.body.userHash, name: req.body.name }, req.body.locale, req.body.channel ?? 'web');
      return reply.status(201).send(result);
    },
  });

  app.post('/widget/conversations/:id/messages', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      params: idParamsSchema,
      body: z.strictObject({ text: messageTextSchema, clientMsgId: clientMsgIdSchema }),
      response: { 200: z.object({ message: messageDtoSchema, replies: z.array(messageDtoSchema) }), 201: z.object({ message: messageDtoSchema, replies: z.array(messageDtoSchema) }) },
    },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await messagesPerVisitor.hit(visitor.visitorId);
      const result = await conversations.postFromVisitor(visitor, req.params.id, req.body.text, req.body.clientMsgId);
      return reply.status(result.created ? 201 : 200).send({ message: result.message, replies: result.replies });
    },
  });

  app.get('/widget/conversations/:id/messages', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      params: idParamsSchema,
      querystring: z.strictObject({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: { 200: z.object({ items: z.array(messageDtoSchema) }) },
    },
    handler: async (req) => ({ items: await conversations.messages(visitorOf(req), req.params.id, req.query.afterSeq, req.query.limit) }),
  });
};
