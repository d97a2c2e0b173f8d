import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import { NotFoundError } from '../errors/app-error.js';
import { idParamsSchema } from '../http/common-schemas.js';
import {
  answerFeedbackInputSchema,
  dateRangeQuerySchema,
  feedbackSummaryDtoSchema,
  followUpDtoSchema,
  followUpOutcomeInputSchema,
  followUpRatingInputSchema,
  ratingDtoSchema,
  ratingInputSchema,
  staffRatingDtoSchema,
  visitorFeedbackDtoSchema,
  dateRangeFields,
  resolveDateRange,
} from './feedback-dto.js';
import type { FeedbackRepository } from './feedback-repository.js';
import type { FeedbackService } from './feedback-service.js';

const conversationParams = z.strictObject({ id: z.uuid() });

/**
 * Widget (visitor token): `/widget/conversations/:id/feedback` (state), `…/survey-shown`, `…/rating`,
 * `…/answer-feedback`, `/widget/follow-ups/:id/rating`. Staff: `/feedback/summary`, `/feedback/ratings`,
 * `/feedback/follow-ups`, `PATCH /feedback/follow-ups/:id` (reads `conversations.read`, the outcome `tickets.write`).
 */
export const feedbackRoutes: FastifyPluginAsyncZod<{ feedback: FeedbackService; repo: FeedbackRepository }> = async (app, { feedback, repo }) => {
  const writesPerVisitor = app.rateLimits.limiter('feedback.writes_per_visitor', 60, 60_000);

  app.get('/widget/conversations/:id/feedback', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: conversationParams, response: { 200: visitorFeedbackDtoSchema } },
    handler: async (req) => feedback.visitorState(visitorOf(req), req.params.id),
  });

  app.post('/widget/conversations/:id/survey-shown', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: conversationParams, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      await feedback.surveyShown(visitor, req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.post('/widget/conversations/:id/rating', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: conversationParams, body: ratingInputSchema, response: { 201: ratingDtoSchema.extend({ followUp: z.boolean() }) } },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      return reply.status(201).send(await feedback.rate(visitor, req.params.id, req.body));
    },
  });

  app.post('/widget/conversations/:id/answer-feedback', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: conversationParams, body: answerFeedbackInputSchema, response: { 200: z.object({ messageId: z.string(), helpful: z.boolean() }) } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      return feedback.answerFeedback(visitor, req.params.id, req.body.messageId, req.body.helpful);
    },
  });

  app.post('/widget/follow-ups/:id/rating', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: idParamsSchema, body: followUpRatingInputSchema, response: { 200: z.object({ id: z.string(), customerStars: z.number().int() }) } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await writesPerVisitor.hit(visitor.visitorId);
      return feedback.rateFollowUp(visitor, req.params.id, req.body.stars);
    },
  });

  app.get('/feedback/summary', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['feedback'], querystring: dateRangeQuerySchema, response: { 200: feedbackSummaryDtoSchema } },
    handler: async (req) => repo.summary(staffOf(req), req.query),
  });

  app.get('/feedback/ratings', {
    config: { auth: 'conversations.read' },
    schema: {
      tags: ['feedback'],
      querystring: z
        .strictObject({
        ...dateRangeFields,
        limit: z.coerce.number().int().min(1).max(200).default(50),
        maxStars: z.coerce.number().int().min(1, '评分必须是 1 到 5').max(5, '评分必须是 1 到 5').optional(),
        withComment: z.enum(['true', 'false']).optional(),
      })
        .transform(resolveDateRange),
      response: { 200: z.object({ items: z.array(staffRatingDtoSchema) }) },
    },
    handler: async (req) => ({ items: await repo.recentRatings(staffOf(req), { ...req.query, withComment: req.query.withComment === 'true' }) }),
  });

  app.get('/feedback/follow-ups', {
    config: { auth: 'conversations.read' },
    schema: {
      tags: ['feedback'],
      querystring: z.strictObject({ status: z.enum(['open', 'done']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(followUpDtoSchema) }) },
    },
    handler: async (req) => ({ items: await repo.followUps(staffOf(req), req.query) }),
  });

  app.get('/feedback/follow-ups/:id', {
    config: { auth: 'conversations.read' },
    schema: { tags: ['feedback'], params: idParamsSchema, response: { 200: followUpDtoSchema } },
    handler: async (req) => {
      const found = await repo.followUp(staffOf(req), req.params.id);
      if (!found) throw new NotFoundError('Follow-up');
      return found;
    },
  });

  app.patch('/feedback/follow-ups/:id', {
    config: { auth: 'tickets.write' },
    schema: { tags: ['feedback'], params: idParamsSchema, body: followUpOutcomeInputSchema, response: { 200: followUpDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      return feedback.recordOutcome({ tenantId: staff.tenantId, userId: staff.kind === 'user' ? staff.userId : null }, req.params.id, req.body);
    },
  });
};
