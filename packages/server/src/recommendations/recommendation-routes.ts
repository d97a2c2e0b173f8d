import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { experimentCreateSchema, experimentDtoSchema, experimentUpdateSchema } from './experiment-dto.js';
import type { ExperimentRepository } from './experiment-repository.js';
import type { RecommendationService } from './recommendation-service.js';

const pageSchema = z
  .string()
  .max(500)
  .refine((s) => !s.includes('\u0000') && s.isWellFormed(), 'must be valid text')
  .transform((s) => s.trim());

const recommendationQuerySchema = z.strictObject({
  moment: z.enum(['welcome', 'after_task']).default('welcome'),
  conversationId: z.uuid().optional(),
  /** The host page's path and title (no query string: it may carry personal data). */
  page: pageSchema.optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  limit: z.coerce.number().int().min(1).max(6).default(4),
});

const recommendationListSchema = z.object({
  impressionId: z.string().nullable(),
  strategy: z.enum(['personalised', 'popular']),
  items: z.array(z.object({ id: z.string(), intent: z.string(), label: z.string(), utterance: z.string(), reason: z.string() })),
});

/**
 * `GET /widget/recommendations` (visitor token; records an exposure) and
 * `POST /widget/recommendations/:id/click`; the experiments under `/recommendations/experiments`
 * (`analytics.read` to read — analysts included — and `analytics.manage` to change).
 */
export const recommendationRoutes: FastifyPluginAsyncZod<{ service: RecommendationService; experiments: ExperimentRepository }> = async (app, { service, experiments }) => {
  // The widget asks at its welcome and after tasks: a handful a minute; more is a script inflating exposures.
  const perVisitor = app.rateLimits.limiter('recommendations.requests_per_visitor', 30, 60_000);

  app.get('/widget/recommendations', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], querystring: recommendationQuerySchema, response: { 200: recommendationListSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await perVisitor.hit(visitor.visitorId);
      const q = req.query;
      return service.recommend({ tenantId: visitor.tenantId }, visitor.visitorId, { moment: q.moment, conversationId: q.conversationId ?? null, page: q.page || null, locale: q.locale, limit: q.limit });
    },
  });

  app.post('/widget/recommendations/:id/click', {
    config: { auth: 'visitor' },
    schema: {
      tags: ['widget'],
      params: idParamsSchema,
      body: z.strictObject({ itemId: z.string().min(1).max(64) }),
      response: { 200: z.object({ first: z.boolean(), intent: z.string() }) },
    },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await perVisitor.hit(visitor.visitorId);
      return service.click({ tenantId: visitor.tenantId }, visitor.visitorId, req.params.id, req.body.itemId);
    },
  });

  app.get('/recommendations/experiments', {
    config: { auth: 'analytics.read' },
    schema: { tags: ['recommendations'], response: { 200: z.object({ items: z.array(experimentDtoSchema) }) } },
    handler: async (req) => ({ items: await experiments.list(staffOf(req)) }),
  });

  app.get('/recommendations/experiments/:id', {
    config: { auth: 'analytics.read' },
    schema: { tags: ['recommendations'], params: idParamsSchema, response: { 200: experimentDtoSchema } },
    handler: async (req) => experiments.get(staffOf(req), req.params.id),
  });

  app.post('/recommendations/experiments', {
    config: { auth: 'analytics.manage' },
    schema: { tags: ['recommendations'], body: experimentCreateSchema, response: { 201: experimentDtoSchema } },
    handler: async (req, reply) => reply.code(201).send(await experiments.create(staffOf(req), req.body)),
  });

  app.patch('/recommendations/experiments/:id', {
    config: { auth: 'analytics.manage' },
    schema: { tags: ['recommendations'], params: idParamsSchema, body: experimentUpdateSchema, response: { 200: experimentDtoSchema } },
    handler: async (req) => experiments.update(staffOf(req), req.params.id, req.body),
  });
};
