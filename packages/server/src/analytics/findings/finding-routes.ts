import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { findingDtoSchema } from './finding-dto.js';
import type { FindingRepository } from './finding-repository.js';

/** `/analytics/findings`: list (`analytics.read`, analysts included), dismiss and mark done (`analytics.manage`). */
export const findingRoutes: FastifyPluginAsyncZod<{ findings: FindingRepository }> = async (app, { findings }) => {
  app.get('/analytics/findings', {
    config: { auth: 'analytics.read' },
    schema: {
      tags: ['analytics'],
      querystring: z.strictObject({ status: z.enum(['open', 'dismissed', 'done']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(findingDtoSchema) }) },
    },
    handler: async (req) => ({ items: await findings.list(staffOf(req), req.query) }),
  });

  for (const [action, status] of [
    ['dismiss', 'dismissed'],
    ['done', 'done'],
  ] as const) {
    app.post(`/analytics/findings/:id/${action}`, {
      config: { auth: 'analytics.manage' },
      schema: { tags: ['analytics'], params: idParamsSchema, response: { 200: findingDtoSchema } },
      handler: async (req) => {
        const staff = staffOf(req);
        return findings.decide(staff, req.params.id, status, staff.kind === 'user' ? staff.userId : null);
      },
    });
  }
};
