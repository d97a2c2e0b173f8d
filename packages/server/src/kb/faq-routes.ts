import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../auth/auth-hooks.js';
import { idParamsSchema } from '../http/common-schemas.js';
import { faqDtoSchema, faqInputSchema, faqPatchSchema } from './faq-dto.js';
import type { FaqRepository } from './faq-repository.js';

export const faqRoutes: FastifyPluginAsyncZod<{ faqs: FaqRepository }> = async (app, { faqs }) => {
  app.get('/kb/faqs', {
    config: { auth: 'kb.read' },
    schema: {
      tags: ['kb'],
      querystring: z.strictObject({ q: z.string().max(200).optional(), category: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(faqDtoSchema) }) },
    },
    handler: async (req) => ({ items: await faqs.list(staffOf(req), req.query) }),
  });

  app.get('/kb/faqs/:id', {
    config: { auth: 'kb.read' },
    schema: { tags: ['kb'], params: idParamsSchema, response: { 200: faqDtoSchema } },
    handler: async (req) => faqs.get(staffOf(req), req.params.id),
  });

  app.post('/kb/faqs', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], body: faqInputSchema, response: { 201: faqDtoSchema } },
    handler: async (req, reply) => reply.status(201).send(await faqs.create(staffOf(req), req.body)),
  });

  app.patch('/kb/faqs/:id', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema, body: faqPatchSchema, response: { 200: faqDtoSchema } },
    handler: async (req) => faqs.update(staffOf(req), req.params.id, req.body),
  });

  app.delete('/kb/faqs/:id', {
    config: { auth: 'kb.write' },
    schema: { tags: ['kb'], params: idParamsSchema },
    handler: async (req, reply) => {
      await faqs.delete(staffOf(req), req.params.id);
      return reply.status(204).send();
    },
  });
};
