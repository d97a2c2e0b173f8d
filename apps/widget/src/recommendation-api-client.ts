import * as z from 'zod/mini';
import { requestJson, type ApiEndpoint } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

const REQUEST_TIMEOUT_MS = 15_000;

export const RecommendationListSchema = z.object({
  impressionId: z.nullable(z.string()),
  items: z.array(z.object({ id: z.string(), label: z.string(), utterance: z.string(), reason: z.string() })),
});
export type RecommendationList = z.infer<typeof RecommendationListSchema>;
export type RecommendationMoment = 'welcome' | 'after_task';

/**
 * 猜你想办 (docs: packages/server/src/recommendations/README.md): the services chosen for this
 * visitor at the welcome or after a task, and the click on one. Failures are WidgetApiErrors.
 * @example const list = await api.list(session, { moment: 'welcome', page: '/orders 我的订单', locale: 'zh-CN' });
 */
export class RecommendationApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  list(session: VisitorSession, query: { moment: RecommendationMoment; page: string; locale: 'zh-CN' | 'en' }): Promise<RecommendationList> {
    const params = new URLSearchParams({ moment: query.moment, conversationId: session.conversationId, locale: query.locale });
    if (query.page) params.set('page', query.page.slice(0, 500));
    return requestJson(this.#endpoint, `/api/v1/widget/recommendations?${params.toString()}`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, RecommendationListSchema);
  }

  click(session: VisitorSession, impressionId: string, itemId: string): Promise<unknown> {
    return requestJson(this.#endpoint, `/api/v1/widget/recommendations/${encodeURIComponent(impressionId)}/click`, { method: 'POST', body: { itemId }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, z.unknown());
  }
}
