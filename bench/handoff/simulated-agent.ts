import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { errorCode, type BenchNode } from './bench-node.js';
import type { RunEvent } from './handoff-run-log.js';

/** How a simulated agent behaves; times in ms. */
export interface AgentBehaviour {
  /** Reaction time before accepting or declining an offer. */
  reactionMs: () => number;
  /** How long a chat is handled before it is closed. */
  handleMs: () => number;
  declineRate: number;
  /** Offers left to run out. */
  ignoreRate: number;
  random: () => number;
}

interface OfferPayload {
  requestId: string;
  conversationId: string;
  offerExpiresAt: string;
}

/**
 * A console user as the bench plays one: signed in on one node, the `/agent` socket open, offers
 * taken after a human-like pause (some declined, some left to expire), each chat greeted, handled for
 * a while and closed; presence switched as the scenario says. Everything seen goes into `events`.
 */
export class SimulatedAgent {
  #socket: Socket | null = null;
  #headers: Record<string, string> = {};
  #presence: 'online' | 'away' | 'offline' = 'offline';
  readonly #offers = new Map<string, { conversationId: string; timer: NodeJS.Timeout }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;
  readonly failures: string[] = [];

  constructor(
    readonly id: string,
    readonly email: string,
    private readonly node: BenchNode,
    private readonly address: string,
    private readonly behaviour: AgentBehaviour,
    private readonly events: RunEvent[],
  ) {}

  async signIn(tenant: string, password: string): Promise<void> {
    const res = await this.node.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, email: this.email, password }, remoteAddress: this.address });
    if (res.statusCode !== 200) throw new Error(`login ${this.email}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zhida_session');
    if (!cookie) throw new Error(`login ${this.email}: no session cookie`);
    this.#headers = { cookie: `zhida_session=${cookie.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
    const socket = io(`${this.node.base}/agent`, { transports: ['websocket'], extraHeaders: { cookie: this.#headers.cookie! }, reconnection: true });
    this.#socket = socket;
    socket.on('handoff.offer', (payload: OfferPayload) => this.#offered(payload));
    socket.on('handoff.changed', (payload: { requestId: string; status: string }) => {
      if (payload.status === 'queued') this.events.push({ kind: 'seen', at: Date.now(), requestId: payload.requestId });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(new Error(`agent socket ${this.email}: ${err.message}`)));
    });
  }

  get presence(): 'online' | 'away' | 'offline' {
    return this.#presence;
  }

  async setPresence(presence: 'online' | 'away' | 'offline'): Promise<void> {
    const sentAt = Date.now();
    const res = await this.#call('PUT', '/api/v1/agents/me/presence', { presence });
    if (res.status !== 200) return this.#fail(`presence ${presence}`, errorCode(res));
    const at = Date.now();
    this.#presence = presence;
    this.events.push({ kind: 'presence', at, sentAt, agentId: this.id, presence });
    if (presence === 'offline') {
      // The server gives this agent's pending offers back to the queue.
      for (const [requestId, offer] of this.#offers) {
        clearTimeout(offer.timer);
        this.events.push({ kind: 'returned', at, requestId, agentId: this.id });
      }
      this.#offers.clear();
    }
  }

  /** Stops reacting (the run is over); chats in hand stay as they are. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const offer of this.#offers.values()) clearTimeout(offer.timer);
    this.#socket?.disconnect();
  }

  #offered(payload: OfferPayload): void {
    const at = Date.now();
    if (this.#stopped || this.#offers.has(payload.requestId)) return;
    const expiresAt = Date.parse(payload.offerExpiresAt);
    this.events.push({ kind: 'offer', at, requestId: payload.requestId, agentId: this.id, expiresAt });
    const roll = this.behaviour.random();
    if (roll < this.behaviour.ignoreRate) {
      // Left to run out: the slot is free again when the offer expires.
      const timer = setTimeout(() => {
        if (!this.#offers.delete(payload.requestId)) return;
        this.events.push({ kind: 'expire', at: expiresAt, requestId: payload.requestId, agentId: this.id });
      }, Math.max(0, expiresAt - Date.now()));
      this.#offers.set(payload.requestId, { conversationId: payload.conversationId, timer });
      return;
    }
    const decline = roll < this.behaviour.ignoreRate + this.behaviour.declineRate;
    const timer = setTimeout(() => void (decline ? this.#decline(payload) : this.#accept(payload)), this.behaviour.reactionMs());
    this.#offers.set(payload.requestId, { conversationId: payload.conversationId, timer });
  }

  async #decline(payload: OfferPayload): Promise<void> {
    if (!this.#offers.delete(payload.requestId)) return;
    const sentAt = Date.now();
    const res = await this.#call('POST', `/api/v1/handoff/requests/${payload.requestId}/decline`, {});
    if (res.status !== 200 && res.status !== 204) return this.#fail('decline', errorCode(res));
    this.events.push({ kind: 'decline', at: Date.now(), sentAt, requestId: payload.requestId, agentId: this.id });
  }

  async #accept(payload: OfferPayload): Promise<void> {
    if (!this.#offers.delete(payload.requestId)) return;
    const sentAt = Date.now();
    const res = await this.#call('POST', `/api/v1/handoff/requests/${payload.requestId}/accept`, {});
    const ok = res.status === 200;
    this.events.push({ kind: 'accept', at: Date.now(), sentAt, requestId: payload.requestId, agentId: this.id, ok, ...(ok ? {} : { code: errorCode(res) }) });
    if (!ok) return;
    const greeting = await this.#call('POST', `/api/v1/conversations/${payload.conversationId}/messages`, { text: '您好，我是人工客服，请问有什么可以帮您？', clientMsgId: randomUUID() });
    if (greeting.status !== 200 && greeting.status !== 201) this.#fail('greet', errorCode(greeting));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#close(payload);
    }, this.behaviour.handleMs());
    this.#timers.add(timer);
  }

  async #close(payload: OfferPayload): Promise<void> {
    if (this.#stopped) return;
    const sentAt = Date.now();
    const res = await this.#call('POST', `/api/v1/conversations/${payload.conversationId}/close`, { disposition: 'resolved' });
    if (res.status !== 200 && res.status !== 204) return this.#fail('close', errorCode(res));
    this.events.push({ kind: 'close', at: Date.now(), sentAt, requestId: payload.requestId, agentId: this.id });
  }

  #call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
    return this.node.call(method, url, { payload, headers: this.#headers, remoteAddress: this.address });
  }

  #fail(what: string, code: string): void {
    this.failures.push(`${what}: ${code}`);
  }
}
