import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf, visitorOf } from '../auth/auth-hooks.js';
import { NotFoundError } from '../errors/app-error.js';
import type { PassageFinder } from '../documents/answer/document-answerer.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { CustomerRecordSearch } from './customer-record-search.js';
import type { KnowledgeSearch } from './knowledge-search.js';
import { SEARCH_DOC_TYPES, type SearchHit } from './knowledge-search-index.js';

const MAX_LIMIT = 20;

const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
});

const searchResultSchema = z.object({
  items: z.array(
    z.object({
      type: z.enum(SEARCH_DOC_TYPES),
      id: z.string(),
      title: z.string(),
      snippet: z.string(),
      score: z.number(),
      /** Passages only: opens the document at the passage (a signed path, for visitors too). */
      link: z.string().optional(),
    }),
  ),
});

/** One result as the routes answer it. */
type SearchItem = Pick<SearchHit, 'type' | 'id' | 'title' | 'snippet' | 'score'> & { link?: string };

const itemOf = ({ type, id, title, snippet, score }: SearchHit): SearchItem => ({ type, id, title, snippet, score });

/**
 * The curated knowledge first (an FAQ or article was written for the question), but passages keep a third of the list
 * when they have hits, and fill whatever knowledge leaves.
 */
function withPassages(knowledge: SearchItem[], passages: SearchItem[], limit: number): SearchItem[] {
  const passageSlots = Math.min(passages.length, Math.max(Math.ceil(limit / 3), limit - knowledge.length));
  return [...knowledge.slice(0, limit - passageSlots), ...passages.slice(0, passageSlots)];
}

const searchClickSchema = z.strictObject({
  /** The query whose results were shown, as sent to `GET /widget/search`. */
  q: z.string().trim().min(1).max(200),
  type: z.enum(SEARCH_DOC_TYPES),
  id: z.string().min(1).max(120),
});

const knowledgeParamsSchema = z.strictObject({ type: z.enum(['faq', 'article']), id: z.string().min(1).max(120) });
const knowledgeAnswerSchema = z.object({ type: z.enum(['faq', 'article']), id: z.string(), title: z.string(), body: z.string() });

/**
 * Own records first (the visitor most likely means them when they match), but they leave at
 * least half the list to knowledge when knowledge has hits.
 */
function mergeHits(own: SearchItem[], knowledge: SearchItem[], limit: number): SearchItem[] {
  const ownSlots = Math.max(Math.ceil(limit / 2), limit - knowledge.length);
  return [...own.slice(0, ownSlots), ...knowledge].slice(0, limit);
}

/**
 * `GET /widget/search` (the visitor token decides the tenant; a verified visitor also finds their
 * own orders, tickets, returns, appointments and applications when `customerRecords` is given) and `GET /kb/search` (staff preview).
 * Both list the enabled passages of the tenant's documents when `passages` is given.
 */
export const searchRoutes: FastifyPluginAsyncZod<{ search: KnowledgeSearch; customerRecords?: CustomerRecordSearch; passages?: PassageFinder; events?: DomainEvents }> = async (
  app,
  { search, customerRecords, passages, events },
) => {
  // Search-as-you-type is a few requests per second at most; more is a script.
  const searchesPerVisitor = app.rateLimits.limiter('search.searches_per_visitor', 60, 60_000);

  const knowledgeSearch = async (ctx: TenantContext, q: string, limit: number): Promise<SearchItem[]> => {
    const [knowledge, found] = await Promise.all([search.search(ctx, q, limit), passages ? passages.search(ctx, q, limit) : []]);
    const passageItems = found.map((p): SearchItem => ({ type: 'passage', id: p.passageId, title: p.headline, snippet: p.excerpt, score: p.confidence, link: p.citation.link }));
    return withPassages(knowledge.map(itemOf), passageItems, limit);
  };

  const visitorSearch = async (visitor: { tenantId: string; visitorId: string }, q: string, limit: number): Promise<SearchItem[]> => {
    const [knowledge, own] = await Promise.all([knowledgeSearch({ tenantId: visitor.tenantId }, q, limit), customerRecords ? customerRecords.search(visitor, q, limit) : []]);
    return mergeHits(own.map(itemOf), knowledge, limit);
  };

  app.get('/widget/search', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await searchesPerVisitor.hit(visitor.visitorId);
      const hits = await visitorSearch(visitor, req.query.q, req.query.limit ?? 5);
      // Every served search is one search event (analytics masks the query before it is written).
      events?.emit('search.performed', { tenantId: visitor.tenantId, visitorId: visitor.visitorId, conversationId: null, query: req.query.q, results: hits.length, at: new Date().toISOString() });
      return { items: hits };
    },
  });

  // The visitor opened a result: it must be one of that query's results for this visitor (so an id of
  // another tenant, or one the search never showed, is a 404 and records nothing).
  app.post('/widget/search/clicks', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], body: searchClickSchema, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const visitor = visitorOf(req);
      await searchesPerVisitor.hit(visitor.visitorId);
      const { q, type, id } = req.body;
      const hits = await visitorSearch(visitor, q, MAX_LIMIT);
      if (!hits.some((h) => h.type === type && h.id === id)) throw new NotFoundError('Search result');
      // An opened passage is a use of it: the console lists it under the document.
      if (type === 'passage') await passages?.recordUse({ tenantId: visitor.tenantId }, { passageId: id, channel: 'search', conversationId: null });
      events?.emit('search.clicked', { tenantId: visitor.tenantId, visitorId: visitor.visitorId, conversationId: null, query: q, resultId: `${type}:${id}`, faqId: type === 'faq' ? id : null, at: new Date().toISOString() });
      return reply.code(204).send(null);
    },
  });

  // Opening a result shows the whole answer: only what the search itself can find (a published FAQ or
  // article of the token's tenant); anything else, another tenant's included, is a 404.
  app.get('/widget/search/results/:type/:id', {
    config: { auth: 'visitor' },
    schema: { tags: ['widget'], params: knowledgeParamsSchema, response: { 200: knowledgeAnswerSchema } },
    handler: async (req) => {
      const visitor = visitorOf(req);
      await searchesPerVisitor.hit(visitor.visitorId);
      const doc = await search.document({ tenantId: visitor.tenantId }, req.params.type, req.params.id);
      if (!doc) throw new NotFoundError('Search result');
      return { type: req.params.type, id: doc.id, title: doc.title, body: doc.body };
    },
  });

  app.get('/kb/search', {
    config: { auth: 'kb.read' },
    schema: { tags: ['kb'], querystring: searchQuerySchema, response: { 200: searchResultSchema } },
    handler: async (req) => {
      return { items: await knowledgeSearch(staffOf(req), req.query.q, req.query.limit ?? 10) };
    },
  });
};
