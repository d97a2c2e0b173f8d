import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import type { CustomerRecordSearch } from './customer-record-search.js';
import type { KnowledgeSearch } from './knowledge-search.js';
import { SEARCH_DOC_TYPES, type SearchHit } from './knowledge-search-index.js';

const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).optional(),
});

const searchResultSchema = z.object({
  items: z.array(
    z.object({
      type: z.enum(SEARCH_DOC_TYPES),
      id: z.string(),
      title: z.string(),
      snippet: z.string(),
      score: z.number(),
    }),
  ),
});

/**
 * Own records first (the visitor most likely means them when they match), but they leave at
 * least half the list to knowledge when knowledge has hits.
 */
function mergeHits(own: SearchHit[], knowledge: SearchHit[], limit: number): SearchHit[] {
  const ownSlots = Math.max(Math.ceil(limit / 2), limit - knowledge.length);
  return [...own.slice(0, ownSlots), ...knowledge].slice(0, limit);
}

/**
 * `GET /widget/search` (the visitor token decides the tenant; a verified visitor also finds their
 * own orders, tickets, returns, appointments and applications when `customerRecords` is given) and `GET /kb/search` (staff preview).
 */
export const searchRoutes: FastifyPluginAsyncZod<{ search: KnowledgeSearch; customerRecords?: CustomerRecordSearch }> = async (app, { search, customerRecords }) => {
  // Search-as-you-type is a few requests per second at most; more is a script.
  const searchesPerVisitor = app.rateLimits.limiter('search.searches_per_visitor', 60, 60_000);

  app.get('/widget/search', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await searchesPerVisitor.hit(visitor.visitorId);
      const limit = req.query.limit ?? 5;
      const [knowledge, own] = await Promise.all([
        search.search({ tenantId: visitor.tenantId }, req.query.q, limit),
        customerRecords ? customerRecords.search(visitor, req.query.q, limit) : [],
      ]);
      const hits = mergeHits(own, knowledge, limit);
      return { items: hits.map(({ type, id, title, snippet, score }) => ({ type, id, title, snippet, score })) };
    },
  });

  app.get('/kb/search', {
    config: { auth: 'kb.read' },
    schema: { tags: ['kb'], querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    handler: async (req) => {
      const hits = await search.search(staffOf(req), req.query.q, req.query.limit ?? 10);
      return { items: hits.map(({ type, id, title, snippet, score }) => ({ type, id, title, snippet, score })) };
    },
  });
};
