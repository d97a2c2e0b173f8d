import type { Message } from './message-schema.js';
import { MessageSchema } from './message-schema.js';
import { randomUuid } from './random-uuid.js';
import type { RealtimeConnector, RealtimeSocket } from './realtime-socket.js';
import { TicketApiClient } from './ticket-api-client.js';
import { WidgetApiClient, type ClientChannel, type SentMessage, type UploadedAttachment, type VisitorIdentity, type VisitorSession } from './widget-api-client.js';

export interface ZhidaClientOptions {
  /** The Zhida server's origin, e.g. `https://cs.example.com`. */
  origin: string;
  /** The tenant's slug, e.g. `demo-ecommerce`. */
  tenant: string;
  /** `fetch`, or the mini-program's wrapper around `wx.request` with the same shape. */
  fetch: typeof fetch;
  /** Opens the `/widget` Socket.IO namespace for a session (e.g. with socket.io-client, or weapp.socket.io); without one, call `resync()` to poll. */
  connect?: RealtimeConnector;
  /** `app` for native apps and mini-programs (the default here); `web` for a web page. */
  channel?: ClientChannel;
  now?: () => number;
}

export type MessageListener = (message: Message) => void;

/**
 * The chat protocol without any UI: start (or resume) a conversation, send with a `clientMsgId` so a
 * retry is never stored twice, receive over Socket.IO, and resync with `afterSeq` after any gap —
 * realtime is only an optimisation, the server's list is the truth. Every message reaches the
 * listeners once, in seq order.
 * @example
 * const client = new ZhidaClient({ origin: 'https://cs.example.com', tenant: 'demo-ecommerce', fetch });
 * client.onMessage((m) => console.log(m.senderType, m.text));
 * await client.start();
 * await client.send('怎么退货？');
 */
export class ZhidaClient {
  readonly api: WidgetApiClient;
  readonly tickets: TicketApiClient;
  #session: VisitorSession | null = null;
  #lastSeq = 0;
  #socket: RealtimeSocket | null = null;
  readonly #listeners = new Set<MessageListener>();

  constructor(private readonly options: ZhidaClientOptions) {
    this.api = new WidgetApiClient(options.origin, options.fetch, options.now);
    this.tickets = new TicketApiClient(options.origin, options.fetch, options.now);
  }

  /** The session to keep (storage of your choice) and pass to `start` next time to resume. */
  get session(): VisitorSession | null {
    return this.#session;
  }

  /** The highest seq delivered to the listeners. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  onMessage(listener: MessageListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts a new conversation, or resumes `resume` (its messages after `afterSeq` are delivered);
   * then opens the realtime connection when a connector was given.
   */
  async start(input: { identity?: VisitorIdentity; resume?: VisitorSession; afterSeq?: number } = {}): Promise<VisitorSession> {
    if (input.resume) {
      this.#session = input.resume;
      this.#lastSeq = input.afterSeq ?? 0;
      await this.resync();
    } else {
      const created = await this.api.createConversation(this.options.tenant, input.identity ?? {}, this.options.channel ?? 'app');
      this.#session = { conversationId: created.conversationId, visitorToken: created.visitorToken };
      this.#deliver(created.messages);
    }
    this.#openSocket();
    return this.#session;
  }

  /**
   * Sends a text. `clientMsgId` defaults to a fresh UUID; pass the same one again to retry after a
   * network error — the server stores it once and answers with the same ack.
   */
  async send(text: string, clientMsgId: string = randomUuid()): Promise<SentMessage> {
    const sent = await this.api.sendMessage(this.#require(), { text, clientMsgId });
    this.#deliver([sent.message, ...sent.replies]);
    return sent;
  }

  /** Fetches every message after the last one delivered (after a reconnect, a resume, or as a poll). */
  async resync(): Promise<void> {
    const session = this.#require();
    for (;;) {
      const page = await this.api.listMessages(session, this.#lastSeq);
      this.#deliver(page);
      if (page.length < 200) return;
    }
  }

  /** Uploads a file (PDF/JPEG/PNG, ≤ 5 MB) into the conversation, given as base64. */
  upload(file: { filename: string; contentType: string; dataBase64: string }): Promise<UploadedAttachment> {
    return this.api.uploadAttachment(this.#require(), file);
  }

  /** Closes the realtime connection; the session stays valid for a later `start({ resume })`. */
  close(): void {
    this.#socket?.disconnect();
    this.#socket = null;
  }

  #openSocket(): void {
    if (!this.options.connect || this.#socket) return;
    const socket = this.options.connect(this.#require());
    socket.on('message', (payload) => {
      const parsed = MessageSchema.safeParse(payload);
      if (!parsed.success) return;
      // A gap means something was missed while offline: the list fills it, in order.
      if (parsed.data.seq > this.#lastSeq + 1) void this.resync().catch(() => undefined);
      else this.#deliver([parsed.data]);
    });
    socket.on('connect', () => void this.resync().catch(() => undefined));
    this.#socket = socket;
  }

  #deliver(messages: readonly Message[]): void {
    for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
      if (message.seq <= this.#lastSeq || message.internal) continue;
      this.#lastSeq = message.seq;
      for (const listener of this.#listeners) listener(message);
    }
  }

  #require(): VisitorSession {
    if (!this.#session) throw new Error('ZhidaClient: call start() first');
    return this.#session;
  }
}
