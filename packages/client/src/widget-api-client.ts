import * as z from 'zod/mini';
import { MessageSchema } from './message-schema.js';
import { requestJson, sendApiRequest, type ApiEndpoint, type ApiRequest } from './json-request.js';

const CreatedConversationSchema = z.object({
  conversationId: z.string(),
  visitorToken: z.string(),
  visitor: z.object({ id: z.string(), name: z.nullable(z.string()), verified: z.boolean() }),
  messages: z.array(MessageSchema),
});
export type CreatedConversation = z.infer<typeof CreatedConversationSchema>;

const SentMessageSchema = z.object({ message: MessageSchema, replies: z._default(z.array(MessageSchema), []) });
export type SentMessage = z.infer<typeof SentMessageSchema>;

const SpokenMessageSchema = z.object({ transcript: z.string(), message: MessageSchema, replies: z._default(z.array(MessageSchema), []) });
export type SpokenMessage = z.infer<typeof SpokenMessageSchema>;

const MessagePageSchema = z.object({ items: z.array(MessageSchema) });

const UploadedAttachmentSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() });
export type UploadedAttachment = z.infer<typeof UploadedAttachmentSchema>;

/** The channels a client may name when it starts a conversation: the web widget, or a native app / mini-program. */
export type ClientChannel = 'web' | 'app';

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
/** A 5 MB file, base64-encoded, may take a while on a phone's uplink. */
const UPLOAD_TIMEOUT_MS = 120_000;

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

  /** `channel`: `app` for a native app or mini-program (the console then shows App); the server's default is `web`. */
  createConversation(tenant: string, identity: VisitorIdentity, channel?: ClientChannel): Promise<CreatedConversation> {
    const body: Record<string, string> = { tenant };
    if (channel) body.channel = channel;
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

  /** Uploads a PDF, JPEG or PNG (≤ 5 MB) into the conversation; the server checks the bytes, not the declared type. */
  uploadAttachment(session: VisitorSession, file: { filename: string; contentType: string; dataBase64: string }): Promise<UploadedAttachment> {
    return requestJson(
      this.#endpoint,
      `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/attachments`,
      { method: 'POST', body: file, token: session.visitorToken, timeoutMs: UPLOAD_TIMEOUT_MS },
      UploadedAttachmentSchema,
    );
  }

  /**
   * A hold-to-talk recording (16-bit PCM WAV, see `encodeWav`): the server transcribes it and posts the text as the
   * visitor's message (meta `🎤`) through the bot. 409 `asr_not_configured` when the tenant has no recogniser.
   */
  sendVoice(session: VisitorSession, recording: { wav: Blob; clientMsgId: string }): Promise<SpokenMessage> {
    return requestJson(
      this.#endpoint,
      `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/voice?clientMsgId=${encodeURIComponent(recording.clientMsgId)}`,
      { method: 'POST', body: recording.wav, token: session.visitorToken, timeoutMs: UPLOAD_TIMEOUT_MS },
      SpokenMessageSchema,
    );
  }

  /** A bot or agent message of the conversation spoken by the tenant's synthesiser, as a WAV file. */
  async fetchSpeech(session: VisitorSession, seq: number): Promise<Blob> {
    const response = await sendApiRequest(this.#endpoint, `/api/v1/widget/conversations/${encodeURIComponent(session.conversationId)}/messages/${seq}/speech`, {
      method: 'GET',
      token: session.visitorToken,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    return response.blob();
  }

  #request<S extends z.ZodMiniType>(path: string, init: Omit<ApiRequest, 'timeoutMs'>, schema: S): Promise<z.infer<S>> {
    return requestJson(this.#endpoint, path, { ...init, timeoutMs: REQUEST_TIMEOUT_MS }, schema);
  }
}
