import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import type { ConversationContextBuilder } from './conversation-context-builder.js';
import { conversationContextSchema } from './conversation-context-dto.js';

/** `GET /conversations/:id/context` (`conversations.read`): what an agent sees on opening a chat. */
export const conversationContextRoutes: FastifyPluginAsyncZod<{ builder: ConversationContextBuilder }> = async (app, { builder }) => {
  app.get('/conversations/:id/context', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: conversationContextSchema } },
    handler: async (req) => builder.build(staffOf(req), req.params.id),
  });
};
