import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../auth/auth-hooks.js';
import type { StaffPrincipal } from '../../auth/principal.js';
import { idParamsSchema } from '../../http/common-schemas.js';
import { articleCreateSchema, articleDetailDtoSchema, articleDtoSchema, articleListQuerySchema, articlePublishSchema, articleUpdateSchema } from './article-dto.js';
import type { ArticleRepository } from './article-repository.js';

const authorOf = (p: StaffPrincipal): string | null => (p.kind === 'user' ? p.userId : null);

/** `/kb/articles`: list, read with history, create a draft, edit (new version), publish a version, archive. */
export const articleRoutes: FastifyPluginAsyncZod<{ articles: ArticleRepository }> = async (app, { articles }) => {
  app.get('/kb/articles', {
    config: { auth: 'kb.read' },
    schema: { tags: ['kb'], querystring: articleListQuerySchema, response: { 200: z.object({ items: z.array(articleDtoSchema) }) } },
    handler: async (req) => ({ items: await articles.list(staffOf(req), req.query) }),
  });

  app.get('/kb/articles/:id', {
    config: { auth: 'kb.read' },
    schema: { tags: ['kb'], params: idParamsSchema, response: { 200: articleDetailDtoSchema } },
    handler: async (req) => articles.get(staffOf(req), req.params.id),
  });

  app.post('/kb/articles', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], body: articleCreateSchema, response: { 201: articleDetailDtoSchema } },
    handler: async (req, reply) => {
      const staff = staffOf(req);
      return reply.status(201).send(await articles.create(staff, req.body, authorOf(staff)));
    },
  });

  app.patch('/kb/articles/:id', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, body: articleUpdateSchema, response: { 200: articleDetailDtoSchema } },
    handler: async (req) => {
      const staff = staffOf(req);
      return articles.update(staff, req.params.id, req.body, authorOf(staff));
    },
  });

  app.post('/kb/articles/:id/publish', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, body: articlePublishSchema.nullish(), response: { 200: articleDetailDtoSchema } },
    handler: async (req) => articles.publish(staffOf(req), req.params.id, req.body?.version),
  });

  app.post('/kb/articles/:id/archive', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, response: { 200: articleDetailDtoSchema } },
    handler: async (req) => articles.archive(staffOf(req), req.params.id),
  });
};
