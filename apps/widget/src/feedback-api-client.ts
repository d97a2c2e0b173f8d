import * as z from 'zod/mini';
import { requestJson, sendApiRequest, type ApiEndpoint } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

const REQUEST_TIMEOUT_MS = 15_000;

const OutcomeSchema = z.enum(['resolved', 'not_resolved', 'unreachable']);

export const VisitorFeedbackSchema = z.object({
  survey: z.nullable(z.object({ id: z.string(), trigger: z.enum(['closed', 'bot_idle']), messageId: z.nullable(z.string()), shown: z.boolean() })),
  rating: z.nullable(z.object({ id: z.string(), stars: z.number(), tags: z.array(z.string()), comment: z.string() })),
  answers: z.array(z.object({ messageId: z.string(), helpful: z.boolean() })),
  followUp: z.nullable(z.object({ id: z.string(), outcome: z.nullable(OutcomeSchema), customerStars: z.nullable(z.number()) })),
  tags: z.array(z.string()),
});
export type VisitorFeedback = z.infer<typeof VisitorFeedbackSchema>;

const RatedSchema = z.object({ id: z.string(), stars: z.number(), tags: z.array(z.string()), comment: z.string(), followUp: z.boolean() });
export type Rated = z.infer<typeof RatedSchema>;

/**
 * The visitor's feedback API: the survey's state, survey shown, the conversation's rating, 有帮助/没帮助
 * on a bot answer, and the rating of a 回访. Failures are WidgetApiErrors with the server's message.
 *
 * @example
 * const feedback = new FeedbackApiClient('https://cs.example.com', fetch);
 * await feedback.rate(session, { stars: 2, tags: ['等待太久'], comment: '' }); // { …, followUp: true }
 */
export class FeedbackApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  state(session: VisitorSession): Promise<VisitorFeedback> {
    return requestJson(this.#endpoint, `${conversationPath(session)}/feedback`, { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, VisitorFeedbackSchema);
  }

  async surveyShown(session: VisitorSession): Promise<void> {
    await sendApiRequest(this.#endpoint, `${conversationPath(session)}/survey-shown`, { method: 'POST', body: {}, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS });
  }

  rate(session: VisitorSession, rating: { stars: number; tags: string[]; comment: string }): Promise<Rated> {
    return requestJson(this.#endpoint, `${conversationPath(session)}/rating`, { method: 'POST', body: rating, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, RatedSchema);
  }

  async answerFeedback(session: VisitorSession, messageId: string, helpful: boolean): Promise<void> {
    await sendApiRequest(this.#endpoint, `${conversationPath(session)}/answer-feedback`, { method: 'POST', body: { messageId, helpful }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS });
  }

  async rateFollowUp(session: VisitorSession, followUpId: string, stars: number): Promise<void> {
    await sendApiRequest(this.#endpoint, `/api/v1/widget/follow-ups/${encodeURIComponent(followUpId)}/rating`, { method: 'POST', body: { stars }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS });
  }
}

function conversationPath(session: VisitorSession): string {
  return `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}`;
}
