import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { messagesForRole } from '../privacy/sensitive-number-mask.js';
import { staffOf } from '../auth/auth-hooks.js';
import { NotFoundError } from '../errors/app-error.js';
import { clientMsgIdSchema, idParamsSchema, messageTextSchema } from '../http/common-schemas.js';
import type { UserRepository } from '../users/user-repository.js';
import { conversationDtoSchema, messageDtoSchema } from './conversation-dto.js';
import type { ConversationService } from './conversation-service.js';

export const conversationRoutes: FastifyPluginAsyncZod<{ conversations: ConversationService; users: UserRepository }> = async (app, { conversations, users }) => {
  app.get('/conversations', {
    config: { auth: 'conversations.read' },
    schema: {
      tags: ['conversations'],
      querystring: z.strictObject({
        status: z.enum(['open', 'closed']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().optional().describe('Opaque: the `nextCursor` of the previous page, with the same filter'),
      }),
      response: {
        200: z.object({
          items: z.array(conversationDtoSchema),
          nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
        }),
      },
    },
    handler: async (req) => conversations.list(staffOf(req), req.query),
  });

  app.get('/conversations/:id', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['conversations'], params: idParamsSchema, response: { 200: conversationDtoSchema } },
    handler: async (req) => conversations.get(staffOf(req), req.params.id),
  });

  app.patch('/conversations/:id', {
    config: { auth: 'conversations.update' },
    schema: {
      tags: ['conversations'],
      params: idParamsSchema,
      body: z.strictObject({ status: z.enum(['open', 'closed']).optional(), assigneeId: z.uuid().nullable().optional() }),
      response: { 200: conversationDtoSchema },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      // The assignee is resolved inside the caller's tenant: a foreign user id is simply unknown.
      if (req.body.assigneeId && !(await users.exists(staff, req.body.assigneeId))) throw new NotFoundError('Assignee');
      return conversations.update(staff, req.params.id, req.body);
    },
  });

  app.get('/conversations/:id/messages', {
    config: { auth: 'conversations.read' },
    schema: {
      tags: ['conversations'],
      params: idParamsSchema,
      querystring: z.strictObject({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: { 200: z.object({ items: z.array(messageDtoSchema) }) },
    },
    // ID and bank card numbers come masked unless the caller's role may reveal them (POST …/reveal, audited).
    handler: async (req) => ({ items: messagesForRole(staffOf(req).role, await conversations.messages(staffOf(req), req.params.id, req.query.afterSeq, req.query.limit)) }),
  });

  app.post('/conversations/:id/messages', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['conversations'],
      params: idParamsSchema,
      body: z.strictObject({ text: messageTextSchema, clientMsgId: clientMsgIdSchema }),
      response: { 200: messageDtoSchema, 201: messageDtoSchema },
    },
    handler: async (req, reply) => {
      const result = await conversations.postFromAgent(staffOf(req), req.params.id, req.body.text, req.body.clientMsgId);
      return reply.status(result.created ? 201 : 200).send(result.message);
    },
  });
};
