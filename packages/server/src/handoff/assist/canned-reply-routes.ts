import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { roleCan } from '../../auth/permissions.js';
import type { StaffPrincipal } from '../../auth/principal.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { cannedReplyDtoSchema, cannedReplyInputSchema, cannedReplyPatchSchema } from './canned-reply-dto.js';
import { CANNED_REPLY_VARIABLES, renderCannedReply } from './canned-reply-renderer.js';
import type { CannedReplyCaller, CannedReplyRepository } from './canned-reply-repository.js';
import type { CannedReplyVariables } from './canned-reply-variables.js';

/** The caller as the canned replies see it: their own id, and whether they may write the tenant's. */
export function cannedReplyCaller(staff: StaffPrincipal): CannedReplyCaller {
  return { tenantId: staff.tenantId, userId: staff.kind === 'user' ? staff.userId : null, mayWriteTenant: roleCan(staff.role, 'kb.write') };
}

/**
 * `GET|POST /canned-replies`, `PATCH|DELETE /canned-replies/:id` (`conversations.reply`; the tenant's
 * replies also need kb.write to change) and `GET /canned-replies/:id/render?conversationId=`.
 */
export const cannedReplyRoutes: FastifyPluginAsyncZod<{ replies: CannedReplyRepository; variables: CannedReplyVariables }> = async (app, { replies, variables }) => {
  app.get('/canned-replies', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], response: { 200: z.object({ items: z.array(cannedReplyDtoSchema) }) } },
    handler: async (req) => ({ items: await replies.list(cannedReplyCaller(staffOf(req))) }),
  });

  app.post('/canned-replies', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], body: cannedReplyInputSchema, response: { 201: cannedReplyDtoSchema } },
    handler: async (req, reply) => reply.status(201).send(await replies.create(cannedReplyCaller(staffOf(req)), req.body)),
  });

  app.patch('/canned-replies/:id', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, body: cannedReplyPatchSchema, response: { 200: cannedReplyDtoSchema } },
    handler: async (req) => replies.update(cannedReplyCaller(staffOf(req)), req.params.id, req.body),
  });

  app.delete('/canned-replies/:id', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema },
    handler: async (req, reply) => {
      await replies.delete(cannedReplyCaller(staffOf(req)), req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/canned-replies/:id/render', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['handoff'],
      params: idParamsSchema,
      querystring: z.strictObject({ conversationId: z.uuid() }),
      response: { 200: z.object({ text: z.string(), missing: z.array(z.enum(CANNED_REPLY_VARIABLES)), unknown: z.array(z.string()) }) },
    },
    handler: async (req) => {
      const staff = staffOf(req);
      const canned = await replies.get(cannedReplyCaller(staff), req.params.id);
      const values = await variables.of(staff, req.query.conversationId, staff.kind === 'user' ? staff.name : null);
      return renderCannedReply(canned.body, values);
    },
  });
};
