import * as z from 'zod/mini';
import { requestJson, type ApiEndpoint } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

const NoticeSchema = z.object({ text: z.string(), url: z.nullable(z.string()), version: z.number(), required: z.boolean() });
/** The tenant's privacy notice in force; `required`: the bot processes nothing until it is accepted. */
export type PrivacyNotice = z.infer<typeof NoticeSchema>;

/** What a consent covers: the notice, or separate consent for one kind of sensitive information (PIPL art. 29). */
export type ConsentScope = 'notice' | 'sensitive_identity' | 'sensitive_financial' | 'recording';
export const CONSENT_SCOPES: readonly ConsentScope[] = ['notice', 'sensitive_identity', 'sensitive_financial', 'recording'];

const ConsentStateSchema = z.object({ granted: z.boolean(), noticeVersion: z.number(), at: z.string() });
const ConsentsSchema = z.object({
  current: z.record(z.string(), ConsentStateSchema),
  history: z.array(z.object({ scope: z.string(), action: z.string(), noticeVersion: z.number(), createdAt: z.string() })),
});
/** The visitor's consents: the latest decision per scope, and every grant and withdrawal. */
export type VisitorConsents = z.infer<typeof ConsentsSchema>;

const RecordedSchema = z.object({ id: z.string(), scope: z.string(), action: z.string(), noticeVersion: z.number(), createdAt: z.string() });

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The visitor's side of the privacy API: the notice to show before the first message, and the
 * consent ledger (give or withdraw). A consent names the notice version the visitor was shown; the
 * server answers 409 `notice_version_mismatch` when the notice changed meanwhile.
 *
 * @example
 * const privacy = new PrivacyApiClient('https://cs.example.com', fetch);
 * const notice = await privacy.notice('demo-ecommerce');
 * await privacy.record(session, { scope: 'notice', action: 'granted', noticeVersion: notice.version });
 */
export class PrivacyApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  /** Public: no visitor token is needed to read what will be asked. */
  notice(tenant: string): Promise<PrivacyNotice> {
    return requestJson(this.#endpoint, `/api/v1/widget/privacy/notice?tenant=${encodeURIComponent(tenant)}`, { method: 'GET', timeoutMs: REQUEST_TIMEOUT_MS }, NoticeSchema);
  }

  consents(session: VisitorSession): Promise<VisitorConsents> {
    return requestJson(this.#endpoint, '/api/v1/widget/privacy/consents', { method: 'GET', token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS }, ConsentsSchema);
  }

  /** Gives or withdraws one consent, tied to the chat it was given in. */
  record(session: VisitorSession, consent: { scope: ConsentScope; action: 'granted' | 'withdrawn'; noticeVersion: number }): Promise<z.infer<typeof RecordedSchema>> {
    return requestJson(
      this.#endpoint,
      '/api/v1/widget/privacy/consents',
      { method: 'POST', body: { ...consent, conversationId: session.conversationId }, token: session.visitorToken, timeoutMs: REQUEST_TIMEOUT_MS },
      RecordedSchema,
    );
  }
}
