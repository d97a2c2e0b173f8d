import type { Message } from '../message-schema.js';
import type { RealtimeSocket } from '../realtime-socket.js';
import type { CreatedConversation, SentMessage, VisitorIdentity, VisitorSession, WidgetApiClient } from '../widget-api-client.js';
import { WidgetApiError } from '../widget-api-error.js';

type WidgetApi = Pick<WidgetApiClient, 'createConversation' | 'sendMessage' | 'listMessages'>;

/** A socket the test drives by hand: it "connects" when told to and records what the widget emits. */
export class FakeSocket implements RealtimeSocket {
  readonly #listeners = new Map<string, ((payload: never) => void)[]>();
  readonly emitted: { event: string; payload: unknown }[] = [];
  connected = false;
  active = true;
  disconnected = false;

  constructor(readonly session: VisitorSession) {}

  on(event: string, listener: (payload: never) => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: 'typing', payload: { isTyping: boolean }): this {
    this.emitted.push({ event, payload });
    return this;
  }

  connect(): this {
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    this.connected = false;
    return this;
  }

  /** Delivers a server-side event to the widget. */
  fire(event: string, payload?: unknown): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const listener of this.#listeners.get(event) ?? []) listener(payload as never);
  }
}

/**
 * An in-memory stand-in for the server's widget API with the contract's semantics:
 * per-conversation seqs, idempotent clientMsgId, a bot that answers every visitor message.
 */
export class FakeWidgetServer implements WidgetApi {
  readonly conversations = new Map<string, { token: string; userId: string | null; messages: Message[] }>();
  readonly calls: string[] = [];
  readonly sockets: FakeSocket[] = [];
  online = true;
  rejectIdentity = false;
  /** The next this-many calls are refused with 429 and this Retry-After (null: none sent). */
  throttle: { calls: number; retryAfterMs: number | null } = { calls: 0, retryAfterMs: null };
  #ids = 0;

  readonly connect = (session: VisitorSession): FakeSocket => {
    const socket = new FakeSocket(session);
    this.sockets.push(socket);
    return socket;
  };

  async createConversation(tenant: string, identity: VisitorIdentity): Promise<CreatedConversation> {
    this.calls.push(`create ${tenant}`);
    this.#ensureOnline();
    if (this.rejectIdentity) throw new WidgetApiError('unauthorized', 401, 'bad user hash');
    const conversationId = `conv-${++this.#ids}`;
    this.conversations.set(conversationId, { token: `token-${this.#ids}`, userId: identity.userId ?? null, messages: [] });
    const welcome = this.append(conversationId, { senderType: 'bot', text: '您好，请问有什么可以帮您？', quickReplies: ['查订单', '退换货'] });
    return { conversationId, visitorToken: `token-${this.#ids}`, visitor: { id: 'v-1', name: identity.name ?? null, verified: false }, messages: [welcome] };
  }

  async sendMessage(session: VisitorSession, input: { text: string; clientMsgId: string }): Promise<SentMessage> {
    this.calls.push(`send ${input.clientMsgId} ${input.text}`);
    this.#ensureOnline();
    const conversation = this.#authorised(session);
    const original = conversation.messages.find((m) => m.clientMsgId === input.clientMsgId);
    if (original) return { message: original, replies: [] };
    const message = this.append(session.conversationId, { senderType: 'visitor', text: input.text, clientMsgId: input.clientMsgId });
    const reply = this.append(session.conversationId, { senderType: 'bot', text: `已收到：${input.text}` });
    return { message, replies: [reply] };
  }

  async listMessages(session: VisitorSession, afterSeq: number, limit = 200): Promise<Message[]> {
    this.calls.push(`list ${afterSeq}`);
    this.#ensureOnline();
    return this.#authorised(session).messages.filter((m) => m.seq > afterSeq).slice(0, limit);
  }

  /** Stores a message as the server would (next seq), e.g. an agent writing from the console. */
  append(conversationId: string, fields: Partial<Message> & Pick<Message, 'senderType' | 'text'>): Message {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    const seq = conversation.messages.length + 1;
    const message: Message = {
      id: `${conversationId}-m${seq}`,
      conversationId,
      seq,
      senderId: null,
      senderName: null,
      clientMsgId: null,
      quickReplies: [],
      createdAt: new Date(Date.UTC(2026, 10, 25, 8, seq)).toISOString(),
      ...fields,
    };
    conversation.messages.push(message);
    return message;
  }

  get lastSocket(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('the widget has not connected a socket');
    return socket;
  }

  #ensureOnline(): void {
    if (!this.online) throw new WidgetApiError('network_error', 0, 'Failed to fetch');
    if (this.throttle.calls > 0) {
      this.throttle.calls--;
      throw new WidgetApiError('rate_limited', 429, 'Too many requests, please retry later', this.throttle.retryAfterMs);
    }
  }

  #authorised(session: VisitorSession) {
    const conversation = this.conversations.get(session.conversationId);
    if (!conversation || conversation.token !== session.visitorToken) throw new WidgetApiError('not_found', 404, 'conversation not found');
    return conversation;
  }
}
