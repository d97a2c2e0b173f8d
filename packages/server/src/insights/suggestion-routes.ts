import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { faqDtoSchema } from '../kb/faq-dto.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { suggestionAcceptSchema, suggestionDtoSchema } from './suggestion-dto.js';
import type { SuggestionRepository } from './suggestion-repository.js';
import type { SuggestionReview } from './suggestion-review.js';
import type { TopQuestionRefresh } from './top-question-refresh.js';

/** `/kb/suggestions`: list, refresh now, accept, reject. */
export const suggestionRoutes: FastifyPluginAsyncZod<{ suggestions: SuggestionRepository; review: SuggestionReview; refresh: TopQuestionRefresh }> = async (app, { suggestions, review, refresh }) => {
  app.get('/kb/suggestions', {
    config: { auth: 'kb.read' },
    schema: {
      tags: ['kb'],
      querystring: z.strictObject({ status: z.enum(['pending', 'accepted', 'rejected']).optional() }),
      response: { 200: z.object({ items: z.array(suggestionDtoSchema) }) },
    },
    handler: async (req) => ({ items: await suggestions.list(staffOf(req), req.query.status) }),
  });

  app.post('/kb/suggestions/refresh', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], response: { 200: z.object({ questions: z.number(), items: z.array(suggestionDtoSchema) }) } },
    handler: async (req) => {
      const result = await refresh.run(staffOf(req));
      return { questions: result.questions, items: result.suggestions };
    },
  });

  app.post('/kb/suggestions/:id/accept', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, body: suggestionAcceptSchema.nullish(), response: { 200: z.object({ suggestion: suggestionDtoSchema, faq: faqDtoSchema }) } },
    handler: async (req) => review.accept(staffOf(req), req.params.id, req.body ?? {}),
  });

  app.post('/kb/suggestions/:id/reject', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, response: { 200: suggestionDtoSchema } },
    handler: async (req) => review.reject(staffOf(req), req.params.id),
  });
};
