import * as z from 'zod/mini';
import { MessageSchema } from './message-schema.js';
import { parseRetryAfter } from './retry-after.js';
import { WidgetApiError } from './widget-api-error.js';

const CreatedConversationSchema = z.object({
  conversationId: z.string(),
  visitorToken: z.string(),
  visitor: z.object({ id: z.string(), name: z.nullable(z.string()), verified: z.boolean() }),
  messages: z.array(MessageSchema),
});
export type CreatedConversation = z.infer<typeof CreatedConversationSchema>;

const SentMessageSchema = z.object({ message: MessageSchema, replies: z._default(z.array(MessageSchema), []) });
export type SentMessage = z.infer<typeof SentMessageSchema>;

const MessagePageSchema = z.object({ items: z.array(MessageSchema) });

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Who the visitor is, as the host page told us. */
export interface VisitorIdentity {
  userId?: string;
  /** Hex HMAC-SHA256(tenant secret, userId), computed by the host page's backend. */
  userHash?: string;
  name?: string;
  /** The language the bot should answer in; the server defaults to zh-CN. */
  locale?: 'zh-CN' | 'en';
}

/** The conversation a visitor token unlocks. */
export interface VisitorSession {
  conversationId: string;
  visitorToken: string;
}

/** A request must not hang forever on a dead connection; after this it counts as a network error. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The visitor side of the HTTP API (docs/api-contract.md, "Widget (visitor) API").
 * Every failure surfaces as a WidgetApiError so callers can decide: retry, restart, or give up.
 *
 * @example
 * const api = new WidgetApiClient('https://cs.example.com', fetch);
 * const created = await api.createConversation('demo-ecommerce', {});
 */
export class WidgetApiClient {
  readonly #origin: string;

  constructor(
    origin: string,
    private readonly fetchFn: typeof fetch,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.#origin = origin.replace(/\/+$/, '');
  }

  createConversation(tenant: string, identity: VisitorIdentity): Promise<CreatedConversation> {
    const body: Record<string, string> = { tenant };
    // The server rejects unknown and empty fields alike, so only send what we have.
    if (identity.userId) body.userId = identity.userId;
    if (identity.userHash) body.userHash = identity.userHash;
    if (identity.name) body.name = identity.name;
    if (identity.locale) body.locale = identity.locale;
    return this.#request('/api/v1/widget/conversations', { method: 'POST', body }, CreatedConversationSchema);
  }

  sendMessage(session: VisitorSession, message: { text: string; clientMsgId: string }): Promise<SentMessage> {
    return this.#request(
      `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/messages`,
      { method: 'POST', body: { text: message.text, clientMsgId: message.clientMsgId }, token: session.visitorToken },
      SentMessageSchema,
    );
  }

  /** One page of messages with seq > afterSeq, ascending; a page shorter than `limit` is the last one. */
  async listMessages(session: VisitorSession, afterSeq: number, limit = 200): Promise<z.infer<typeof MessageSchema>[]> {
    const page = await this.#request(
      `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/messages?afterSeq=${afterSeq}&limit=${limit}`,
      { method: 'GET', token: session.visitorToken },
      MessagePageSchema,
    );
    return page.items;
  }

  async #request<S extends z.ZodMiniType>(
    path: string,
    init: { method: 'GET' | 'POST'; body?: unknown; token?: string },
    schema: S,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;

    let response: Response;
    try {
      response = await this.fetchFn(this.#origin + path, {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        // The visitor token travels in a header; host-page cookies are none of our business.
        credentials: 'omit',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (cause) {
      throw WidgetApiError.from(cause);
    }

    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = ErrorBodySchema.safeParse(payload);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
      throw parsed.success
        ? new WidgetApiError(parsed.data.error.code, response.status, parsed.data.error.message, retryAfterMs)
        : new WidgetApiError(`http_${response.status}`, response.status, response.statusText, retryAfterMs);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new WidgetApiError('invalid_response', response.status, `unexpected response from ${path}`);
    return parsed.data as z.infer<S>;
  }
}
