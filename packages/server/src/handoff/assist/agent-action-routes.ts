import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { agentActionSchema, type AgentActions } from './agent-actions.js';

const actionNameSchema = z.string().regex(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, 'an action name such as orders.get');

/** `GET|POST /conversations/:id/actions`: the self-service actions an agent runs for the customer. */
export const agentActionRoutes: FastifyPluginAsyncZod<{ actions: AgentActions }> = async (app, { actions }) => {
  app.get('/conversations/:id/actions', {
    config: { auth: 'conversations.reply' },
    schema: { tags: ['handoff'], params: idParamsSchema, response: { 200: z.object({ items: z.array(agentActionSchema) }) } },
    handler: async (req) => ({ items: await actions.list(staffOf(req), req.params.id) }),
  });

  app.post('/conversations/:id/actions', {
    config: { auth: 'conversations.reply' },
    schema: {
      tags: ['handoff'],
      params: idParamsSchema,
      body: z.strictObject({ name: actionNameSchema, args: z.record(z.string(), z.unknown()).default({}) }),
      response: {
        200: z.object({
          ok: z.boolean(),
          data: z.record(z.string(), z.unknown()).optional(),
          error: z.object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().optional() }).optional(),
        }),
      },
    },
    handler: async (req) => {
      const outcome = await actions.run(staffOf(req), req.params.id, req.body.name, req.body.args);
      return outcome.ok ? { ok: true, data: outcome.data } : { ok: false, error: outcome.error };
    },
  });
};
