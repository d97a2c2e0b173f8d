import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { errorCode, type BenchNode } from './bench-node.js';
import type { RunEvent } from './handoff-run-log.js';

interface VisitorStatus {
  state: string;
  ahead: number | null;
  etaSeconds: number | null;
}

/** A signed-in customer as the widget's embed code passes one: `userHash` = hex HMAC-SHA256(the tenant's identity secret, userId). */
export interface VisitorIdentity {
  userId: string;
  userHash: string;
  name: string;
}

/** What became of one visitor's ask for a human. */
export type VisitorOutcome = 'waiting' | 'connected' | 'unavailable' | 'no_handoff' | 'cancelled' | 'failed';

/**
 * A widget visitor as the bench plays one: starts a conversation on one node, opens the `/widget`
 * socket (the queue status arrives there), asks for a human, and — if patience runs out before an
 * agent joins — presses 取消等待. The first wait estimate it is told goes into `events`.
 */
export class SimulatedVisitor {
  #socket: Socket | null = null;
  #token = '';
  conversationId = '';
  outcome: VisitorOutcome = 'failed';
  /** The server accepted the visitor's signed identity. */
  verified = false;
  failure: string | null = null;
  #etaTold = false;
  #patience: NodeJS.Timeout | null = null;

  constructor(
    private readonly node: BenchNode,
    private readonly address: string,
    private readonly events: RunEvent[],
  ) {}

  /**
   * Runs the visitor until the request is waiting, connected or refused; the wait itself goes on in the background.
   * With `identity` the visitor starts as a signed-in customer of the shop (the shop's backend signed the user id).
   */
  async ask(tenant: string, locale: 'zh-CN' | 'en', texts: readonly string[], patienceMs: number | null, identity?: VisitorIdentity): Promise<void> {
    const created = await this.node.call('POST', '/api/v1/widget/conversations', { payload: { tenant, locale, ...identity }, remoteAddress: this.address });
    if (created.status !== 200 && created.status !== 201) return this.#failed(`start: ${errorCode(created)}`);
    const body = created.body as { conversationId: string; visitorToken: string; visitor: { verified: boolean } };
    // A signature the server did not accept would silently turn a P2 customer into a P3 one.
    if (identity && !body.visitor.verified) return this.#failed('start: identity not verified');
    this.verified = body.visitor.verified;
    this.conversationId = body.conversationId;
    this.#token = body.visitorToken;
    const socket = io(`${this.node.base}/widget`, { transports: ['websocket'], auth: { token: this.#token, conversationId: this.conversationId } });
    this.#socket = socket;
    socket.on('handoff.status', (status: VisitorStatus) => this.#status(status));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
    } catch (err) {
      return this.#failed(`socket: ${(err as Error).message}`);
    }
    for (const text of texts) {
      this.events.push({ kind: 'asked', at: Date.now(), conversationId: this.conversationId });
      const sent = await this.#call('POST', `/api/v1/widget/conversations/${this.conversationId}/messages`, { text, clientMsgId: randomUUID() });
      if (sent.status !== 200 && sent.status !== 201) return this.#failed(`send: ${errorCode(sent)}`);
      // The status push may have gone out before anything else; the REST read is what a reload sees.
      const read = await this.#call('GET', `/api/v1/widget/conversations/${this.conversationId}/handoff`);
      if (read.status !== 200) return this.#failed(`status: ${errorCode(read)}`);
      this.#status(read.body as VisitorStatus);
      if (this.outcome !== 'no_handoff' && this.outcome !== 'failed') break;
    }
    if (this.outcome === 'waiting' && patienceMs !== null) this.#patience = setTimeout(() => void this.#cancel(), patienceMs);
  }

  close(): void {
    if (this.#patience) clearTimeout(this.#patience);
    this.#socket?.disconnect();
  }

  #status(status: VisitorStatus): void {
    if (status.state === 'waiting') {
      if (this.outcome !== 'cancelled' && this.outcome !== 'connected') this.outcome = 'waiting';
      if (!this.#etaTold && status.etaSeconds !== null) {
        this.#etaTold = true;
        this.events.push({ kind: 'eta', at: Date.now(), conversationId: this.conversationId, etaSeconds: status.etaSeconds });
      }
    } else if (status.state === 'connected') {
      this.outcome = 'connected';
      if (this.#patience) clearTimeout(this.#patience);
    } else if (status.state === 'unavailable' && this.outcome !== 'connected') {
      this.outcome = 'unavailable';
    } else if (status.state === 'none' && (this.outcome === 'failed' || this.outcome === 'no_handoff')) {
      this.outcome = 'no_handoff';
    }
  }

  async #cancel(): Promise<void> {
    if (this.outcome !== 'waiting') return;
    const at = Date.now();
    const res = await this.#call('POST', `/api/v1/widget/conversations/${this.conversationId}/handoff/cancel`, {});
    // Too late (an agent took it meanwhile) is a normal race, not a failure.
    if (res.status >= 500) return this.#failed(`cancel: ${errorCode(res)}`);
    if (res.status < 300) {
      this.outcome = 'cancelled';
      this.events.push({ kind: 'cancel', at, conversationId: this.conversationId });
    }
  }

  #call(method: 'GET' | 'POST', url: string, payload?: unknown) {
    return this.node.call(method, url, { payload, headers: { authorization: `Bearer ${this.#token}` }, remoteAddress: this.address });
  }

  #failed(reason: string): void {
    this.outcome = 'failed';
    this.failure = reason;
  }
}
