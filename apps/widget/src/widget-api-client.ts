import * as z from 'zod/mini';
import { MessageSchema } from './message-schema.js';
import { requestJson, type ApiEndpoint, type ApiRequest } from './json-request.js';

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
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
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

  #request<S extends z.ZodMiniType>(path: string, init: Omit<ApiRequest, 'timeoutMs'>, schema: S): Promise<z.infer<S>> {
    return requestJson(this.#endpoint, path, { ...init, timeoutMs: REQUEST_TIMEOUT_MS }, schema);
  }
}
