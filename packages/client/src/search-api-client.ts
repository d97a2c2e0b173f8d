import * as z from 'zod/mini';
import { requestJson, sendApiRequest, type ApiEndpoint } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

/** What a search can find: the tenant's knowledge (FAQs, articles, passages of its documents), and a verified customer's own records. */
export const SearchHitTypeSchema = z.enum(['faq', 'article', 'passage', 'order', 'ticket', 'return', 'appointment', 'application']);
/** `link` (passages only) opens the document at the passage. */
export const SearchHitSchema = z.object({ type: SearchHitTypeSchema, id: z.string(), title: z.string(), snippet: z.string(), score: z.number(), link: z.optional(z.string()) });
const SearchPageSchema = z.object({ items: z.array(SearchHitSchema) });
export const SearchAnswerSchema = z.object({ type: z.enum(['faq', 'article']), id: z.string(), title: z.string(), body: z.string() });

export type SearchHit = z.infer<typeof SearchHitSchema>;
export type SearchAnswer = z.infer<typeof SearchAnswerSchema>;

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The visitor's side of self-service search: a query (every one the server serves counts as a
 * search, an empty result as a "none"), the full answer of a knowledge result, and the click that
 * tells search success apart from failure on the dashboard.
 *
 * @example
 * const search = new SearchApiClient('https://cs.example.com', fetch);
 * const hits = await search.search(session, '怎么退货');
 * await search.recordClick(session, { q: '怎么退货', type: hits[0].type, id: hits[0].id });
 */
export class SearchApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  async search(session: VisitorSession, q: string, limit = 5): Promise<SearchHit[]> {
    const params = new URLSearchParams({ q: q.trim(), limit: String(limit) });
    const page = await requestJson(this.#endpoint, `/api/v1/widget/search?${params.toString()}`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, SearchPageSchema);
    return page.items;
  }

  /** The whole FAQ answer or article behind a knowledge result. */
  open(session: VisitorSession, hit: { type: 'faq' | 'article'; id: string }): Promise<SearchAnswer> {
    return requestJson(this.#endpoint, `/api/v1/widget/search/results/${hit.type}/${encodeURIComponent(hit.id)}`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, SearchAnswerSchema);
  }

  /** The visitor opened `hit` from the results of `q` (the server checks it was one of them). */
  async recordClick(session: VisitorSession, click: { q: string; type: SearchHit['type']; id: string }): Promise<void> {
    await sendApiRequest(this.#endpoint, '/api/v1/widget/search/clicks', { method: 'POST', body: { q: click.q.trim(), type: click.type, id: click.id }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS });
  }
}
