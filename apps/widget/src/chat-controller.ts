import * as z from 'zod/mini';
import type { KeyValueStore } from './key-value-store.js';
import { MessageSchema, type Message } from './message-schema.js';
import { MessageTimeline, type TimelineEntry } from './message-timeline.js';
import { Outbox } from './outbox.js';
import { OutboxSender } from './outbox-sender.js';
import type { RealtimeConnector, RealtimeSocket } from './realtime-socket.js';
import { retryDelay } from './retry-delay.js';
import type { Scheduler } from './scheduler.js';
import { SessionStore, type StoredSession } from './session-store.js';
import { TypingThrottle } from './typing-throttle.js';
import type { SentMessage, VisitorIdentity, VisitorSession, WidgetApiClient } from './widget-api-client.js';
import { WidgetApiError } from './widget-api-error.js';

/** Why the widget could not start a conversation; decides the text shown to the visitor. */
export type StartFailure = 'unavailable' | 'identity';

/** Everything the view needs to draw the widget. */
export interface ChatState {
  open: boolean;
  phase: 'idle' | 'starting' | 'ready' | 'failed';
  failure: StartFailure | null;
  connection: 'connecting' | 'online' | 'reconnecting';
  entries: TimelineEntry[];
  /** Someone on the service side is typing. */
  typing: { senderType: 'bot' | 'agent' } | null;
  /** Bot/agent messages the visitor has not seen with the panel open (survives reloads). */
  unread: number;
  /** The service is rate-limiting us (429): when (scheduler time) the widget tries again by itself. */
  busy: { retryAt: number } | null;
}

export interface ChatControllerDeps {
  tenant: string;
  identity: VisitorIdentity;
  api: Pick<WidgetApiClient, 'createConversation' | 'sendMessage' | 'listMessages'>;
  store: KeyValueStore;
  connect: RealtimeConnector;
  scheduler: Scheduler;
  newId: () => string;
  backoff: (attempt: number) => number;
  /** Runs each time the session is ready, before the outbox sends (the privacy notice's acceptance is recorded first). */
  beforeSending?: (session: VisitorSession) => Promise<void>;
}

const TypingPayloadSchema = z.object({ senderType: z.enum(['visitor', 'bot', 'agent', 'system']), isTyping: z.boolean() });
const TicketChangedSchema = z.object({ ticketId: z.string() });

/** History page size; a shorter page means we have everything. */
const PAGE_SIZE = 200;
/** Start-up gives up after this many transient failures (429s excluded) and offers a "try again" button. */
const MAX_START_ATTEMPTS = 5;
/** A typing indicator whose "stopped" signal got lost must not spin forever. */
const TYPING_TIMEOUT_MS = 10_000;

/**
 * The widget's brain, with no DOM: starts or resumes the conversation, keeps the timeline
 * in sync across HTTP responses, socket pushes and reconnects, and delivers the visitor's
 * messages through a persistent outbox. The view subscribes to its state and calls its methods.
 *
 * @example
 * const chat = new ChatController({ tenant, identity, api, store: localStorage, connect, scheduler, newId, backoff });
 * chat.subscribe((state) => view.render(state));
 * chat.open();
 * chat.send('我的订单什么时候发货？');
 */
export class ChatController {
  readonly #deps: ChatControllerDeps;
  readonly #sessions: SessionStore;
  readonly #outbox: Outbox;
  readonly #sender: OutboxSender<SentMessage>;
  readonly #typingOut: TypingThrottle;
  readonly #listeners = new Set<(state: ChatState) => void>();
  readonly #ticketListeners = new Set<(ticketId: string) => void>();
  readonly #handoffListeners = new Set<(payload: unknown) => void>();
  #identity: VisitorIdentity;
  #timeline = new MessageTimeline();
  #session: StoredSession | null = null;
  #socket: RealtimeSocket | null = null;
  #starting: Promise<void> | null = null;
  #resyncing: Promise<void> | null = null;
  #resyncAgain = false;
  #typingTimer: unknown = null;
  #reconnectTimer: unknown = null;
  #reconnectAttempts = 0;
  #state: ChatState = { open: false, phase: 'idle', failure: null, connection: 'connecting', entries: [], typing: null, unread: 0, busy: null };

  constructor(deps: ChatControllerDeps) {
    this.#deps = deps;
    this.#identity = { ...deps.identity };
    this.#sessions = new SessionStore(deps.store, `zhida:${deps.tenant}:session`);
    this.#outbox = new Outbox(deps.store, `zhida:${deps.tenant}:outbox`);
    this.#sender = new OutboxSender(this.#outbox, (item) => this.#deliver(item), this.#senderEvents(), {
      scheduler: deps.scheduler,
      backoff: deps.backoff,
    });
    this.#typingOut = new TypingThrottle((isTyping) => this.#socket?.emit('typing', { isTyping }), deps.scheduler);
    for (const item of this.#outbox.items()) this.#timeline.addPending(item, item.attempts > 0 ? 'retrying' : 'sending');
    this.#state = { ...this.#state, entries: this.#timeline.entries() };
  }

  get state(): ChatState {
    return this.#state;
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ChatState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    return () => this.#listeners.delete(listener);
  }

  /** Messages that arrived by another route (a voice message's transcript and its replies), merged by seq. */
  receiveMessages(messages: Message[]): void {
    this.#receive(this.#timeline.merge(messages));
  }

  /** Calls `listener` with the id of each ticket the server says changed (`ticket.changed` on the socket). */
  onTicketChanged(listener: (ticketId: string) => void): () => void {
    this.#ticketListeners.add(listener);
    return () => this.#ticketListeners.delete(listener);
  }

  /** Calls `listener` with each `handoff.status` push of this conversation (unvalidated: the handoff controller parses it). */
  onHandoffStatus(listener: (payload: unknown) => void): () => void {
    this.#handoffListeners.add(listener);
    return () => this.#handoffListeners.delete(listener);
  }

  /**
   * The visitor token's session, starting the conversation first if need be (tickets are filed
   * under the chat's visitor). Null when the service cannot be reached or refused the visitor.
   */
  async ensureSession(): Promise<VisitorSession | null> {
    await this.start();
    const session = this.#session;
    return this.#state.phase === 'ready' && session ? { conversationId: session.conversationId, visitorToken: session.visitorToken } : null;
  }

  /** True when there is earlier work to pick up at page load: a stored conversation or unsent messages. */
  get hasSomethingToResume(): boolean {
    return this.#sessions.load() !== null || this.#outbox.size > 0;
  }

  open(): void {
    this.#state = { ...this.#state, open: true };
    this.#markRead();
    this.#update({ unread: 0 });
    void this.start();
  }

  close(): void {
    this.#typingOut.stop();
    this.#update({ open: false });
  }

  /** Identity for the conversation; only honoured before the conversation starts. Returns whether it was applied. */
  setUser(identity: VisitorIdentity): boolean {
    if (this.#state.phase !== 'idle') return false;
    this.#identity = { ...identity };
    return true;
  }

  /** Starts or resumes the conversation; safe to call repeatedly. */
  start(): Promise<void> {
    if (this.#state.phase === 'ready') return Promise.resolve();
    this.#starting ??= this.#runStart().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  /**
   * Queues a visitor message and shows it at once as "sending". Returns false for blank text.
   * The message is stored before any network call, so it survives going offline or a reload.
   */
  send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed) return false;
    const item = this.#outbox.add({ clientMsgId: this.#deps.newId(), text: trimmed, createdAt: new Date(this.#deps.scheduler.now()).toISOString() });
    this.#timeline.addPending(item, this.#state.busy ? 'waiting' : 'sending');
    this.#typingOut.stop();
    this.#refreshEntries();
    this.#sender.notify();
    void this.start();
    return true;
  }

  /** Removes a message the server refused from view. */
  dismiss(clientMsgId: string): void {
    this.#timeline.removePending(clientMsgId);
    this.#refreshEntries();
  }

  /** The visitor pressed a key in the input. */
  keystroke(): void {
    if (this.#socket?.connected) this.#typingOut.keystroke();
  }

  /** The browser reports connectivity again: skip remaining backoff waits. */
  networkRestored(): void {
    this.#sender.retryNow();
    if (this.#state.phase === 'failed' && this.#state.failure === 'unavailable') void this.start();
  }

  async #runStart(): Promise<void> {
    this.#update({ phase: 'starting', failure: null, connection: 'connecting' });
    for (let attempt = 1, failures = 0; ; attempt++) {
      try {
        await this.#openSession();
        break;
      } catch (cause) {
        const error = WidgetApiError.from(cause);
        if (error.kind !== 'retryable') {
          this.#startFailed(error.status === 401 ? 'identity' : 'unavailable');
          return;
        }
        // A 429 is the server saying when to come back, not a sign that it is gone: it uses up no attempt.
        if (!error.throttled) failures++;
        if (failures >= MAX_START_ATTEMPTS) {
          this.#startFailed('unavailable');
          return;
        }
        const delayMs = retryDelay(error, attempt, this.#deps.backoff);
        this.#setBusy(error.throttled ? this.#deps.scheduler.now() + delayMs : null);
        await new Promise<void>((resolve) => this.#deps.scheduler.setTimeout(resolve, delayMs));
      }
    }
    const session = this.#session;
    if (!session) return;
    this.#setBusy(null);
    this.#timeline.setPendingStatusWhere(['waiting'], 'sending');
    this.#update({ phase: 'ready', entries: this.#timeline.entries() });
    this.#connectSocket(session);
    await this.#deps.beforeSending?.({ conversationId: session.conversationId, visitorToken: session.visitorToken }).catch(() => undefined);
    this.#sender.start();
  }

  /** Start-up gave up: nothing is being sent until the visitor retries, so unsent messages must not read "sending…". */
  #startFailed(failure: StartFailure): void {
    this.#setBusy(null);
    this.#timeline.setPendingStatusWhere(['sending', 'retrying'], 'waiting');
    this.#update({ phase: 'failed', failure, entries: this.#timeline.entries() });
  }

  /** Resumes the stored conversation, or starts a new one if there is none or it is gone; sets `#session`. */
  async #openSession(): Promise<void> {
    const userId = this.#identity.userId ?? null;
    const stored = this.#sessions.load();
    if (stored && stored.userId === userId) {
      this.#session = stored;
      try {
        await this.#syncHistory(stored);
        return;
      } catch (cause) {
        if (WidgetApiError.from(cause).kind !== 'session_lost') throw cause;
        this.#session = null;
      }
    }
    // A different signed-in user must not see the previous visitor's conversation.
    this.#sessions.clear();
    const created = await this.#deps.api.createConversation(this.#deps.tenant, this.#identity);
    const session: StoredSession = { conversationId: created.conversationId, visitorToken: created.visitorToken, userId, readSeq: 0 };
    this.#sessions.save(session);
    this.#resetTimeline();
    this.#session = session;
    this.#receive(this.#timeline.mergeFetched(0, created.messages));
  }

  /** Fetches everything after the resync point, page by page. */
  async #syncHistory(session: StoredSession): Promise<void> {
    for (;;) {
      const from = this.#timeline.resumeSeq;
      const items = await this.#deps.api.listMessages(session, from, PAGE_SIZE);
      this.#receive(this.#timeline.mergeFetched(from, items));
      if (items.length < PAGE_SIZE || this.#timeline.resumeSeq <= from) return;
    }
  }

  /** Catches up after a reconnect. Concurrent requests collapse into one extra round. */
  #resync(): Promise<void> {
    if (this.#resyncing) {
      this.#resyncAgain = true;
      return this.#resyncing;
    }
    const session = this.#session;
    if (!session) return Promise.resolve();
    this.#resyncing = (async () => {
      try {
        do {
          this.#resyncAgain = false;
          await this.#syncHistory(session);
        } while (this.#resyncAgain);
      } catch (cause) {
        if (WidgetApiError.from(cause).kind === 'session_lost') this.#restartConversation();
        // Transient failures are fine: the next reconnect or message triggers another resync.
      } finally {
        this.#resyncing = null;
      }
    })();
    return this.#resyncing;
  }

  #connectSocket(session: StoredSession): void {
    const socket = this.#deps.connect(session);
    this.#socket = socket;
    socket.on('connect', () => {
      if (this.#socket !== socket) return;
      this.#reconnectAttempts = 0;
      this.#update({ connection: 'online' });
      void this.#resync();
      this.#sender.retryNow();
    });
    socket.on('disconnect', (reason) => {
      if (this.#socket !== socket) return;
      this.#clearTyping();
      this.#update({ connection: 'reconnecting' });
      // socket.io reconnects by itself except after a server-side disconnect.
      if (reason === 'io server disconnect') this.#reconnectLater(socket);
    });
    socket.on('connect_error', () => {
      if (this.#socket !== socket || socket.active) return;
      // Refused by the server (not a network blip): check whether our conversation still exists.
      this.#update({ connection: 'reconnecting' });
      void this.#resync().then(() => this.#reconnectLater(socket));
    });
    socket.on('message', (payload) => {
      if (this.#socket !== socket) return;
      const parsed = MessageSchema.safeParse(payload);
      if (!parsed.success || parsed.data.conversationId !== session.conversationId) return;
      this.#receive(this.#timeline.merge([parsed.data]));
    });
    socket.on('ticket.changed', (payload) => {
      if (this.#socket !== socket) return;
      const parsed = TicketChangedSchema.safeParse(payload);
      if (parsed.success) for (const listener of this.#ticketListeners) listener(parsed.data.ticketId);
    });
    socket.on('handoff.status', (payload) => {
      if (this.#socket !== socket) return;
      for (const listener of this.#handoffListeners) listener(payload);
    });
    socket.on('typing', (payload) => {
      if (this.#socket !== socket) return;
      const parsed = TypingPayloadSchema.safeParse(payload);
      if (!parsed.success) return;
      const { senderType, isTyping } = parsed.data;
      if (senderType !== 'bot' && senderType !== 'agent') return;
      if (isTyping) this.#showTyping(senderType);
      else this.#clearTyping();
    });
  }

  #reconnectLater(socket: RealtimeSocket): void {
    if (this.#socket !== socket || this.#reconnectTimer !== null) return;
    this.#reconnectAttempts += 1;
    this.#reconnectTimer = this.#deps.scheduler.setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#socket === socket && !socket.connected) socket.connect();
    }, this.#deps.backoff(this.#reconnectAttempts));
  }

  /** The stored conversation vanished (expired token, server reset): start a fresh one and resend the outbox there. */
  #restartConversation(): void {
    this.#sender.pause();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#session = null;
    this.#sessions.clear();
    this.#resetTimeline();
    this.#clearTyping();
    this.#update({ phase: 'idle' });
    void this.start();
  }

  #resetTimeline(): void {
    this.#timeline = new MessageTimeline();
    for (const item of this.#outbox.items()) this.#timeline.addPending(item, item.attempts > 0 ? 'retrying' : 'sending');
  }

  #deliver(item: { clientMsgId: string; text: string }): Promise<SentMessage> {
    const session = this.#session;
    if (!session) return Promise.reject(new WidgetApiError('network_error', 0, 'no conversation yet'));
    return this.#deps.api.sendMessage(session, { text: item.text, clientMsgId: item.clientMsgId });
  }

  #senderEvents() {
    return {
      onSending: () => undefined,
      onDelivered: (_item: unknown, result: SentMessage) => {
        this.#setBusy(null);
        this.#receive(this.#timeline.merge([result.message, ...result.replies]));
      },
      onRetrying: (item: { clientMsgId: string }, error: WidgetApiError, delayMs: number) => {
        if (error.throttled) {
          this.#setBusy(this.#deps.scheduler.now() + delayMs);
          return;
        }
        this.#setBusy(null);
        this.#timeline.setPendingStatus(item.clientMsgId, 'retrying');
        this.#refreshEntries();
      },
      onRejected: (item: { clientMsgId: string }) => {
        this.#setBusy(null);
        this.#timeline.setPendingStatus(item.clientMsgId, 'failed');
        this.#refreshEntries();
      },
      onSessionLost: () => {
        this.#setBusy(null);
        this.#restartConversation();
      },
    };
  }

  /**
   * Shows (or clears) "the service is busy, next try at …". While busy, unsent messages read as
   * waiting rather than "sending…", which is not what is happening; they go out by themselves at `retryAt`.
   */
  #setBusy(retryAt: number | null): void {
    if (retryAt === null && this.#state.busy === null) return;
    if (retryAt === null) this.#timeline.setPendingStatusWhere(['waiting'], 'sending');
    else this.#timeline.setPendingStatusWhere(['sending', 'retrying'], 'waiting');
    this.#update({ busy: retryAt === null ? null : { retryAt }, entries: this.#timeline.entries() });
  }

  /** Applies newly merged messages: read marker, unread count, typing indicator, re-render. */
  #receive(added: Message[]): void {
    if (added.some((m) => m.senderType === 'bot' || m.senderType === 'agent')) this.#clearTyping();
    if (this.#state.open) this.#markRead();
    this.#update({ entries: this.#timeline.entries(), unread: this.#unreadCount() });
  }

  /** Everything currently in the timeline has been seen; remembered across reloads. */
  #markRead(): void {
    const session = this.#session;
    if (!session || this.#timeline.lastSeq <= session.readSeq) return;
    this.#session = { ...session, readSeq: this.#timeline.lastSeq };
    this.#sessions.save(this.#session);
  }

  #unreadCount(): number {
    const readSeq = this.#session?.readSeq ?? 0;
    return this.#timeline
      .entries()
      .filter((e) => e.kind === 'message' && e.message.seq > readSeq && (e.message.senderType === 'bot' || e.message.senderType === 'agent')).length;
  }

  #showTyping(senderType: 'bot' | 'agent'): void {
    if (this.#typingTimer !== null) this.#deps.scheduler.clearTimeout(this.#typingTimer);
    this.#typingTimer = this.#deps.scheduler.setTimeout(() => this.#clearTyping(), TYPING_TIMEOUT_MS);
    this.#update({ typing: { senderType } });
  }

  #clearTyping(): void {
    if (this.#typingTimer !== null) this.#deps.scheduler.clearTimeout(this.#typingTimer);
    this.#typingTimer = null;
    if (this.#state.typing) this.#update({ typing: null });
  }

  #refreshEntries(): void {
    this.#update({ entries: this.#timeline.entries() });
  }

  #update(patch: Partial<ChatState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }
}
