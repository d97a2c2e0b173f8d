import type { Message } from './message-schema.js';

/** Delivery state of a visitor message the server has not confirmed yet; `waiting`: the service is busy and asked us to come back later. */
export type PendingStatus = 'sending' | 'retrying' | 'waiting' | 'failed';

export interface PendingMessage {
  clientMsgId: string;
  text: string;
  createdAt: string;
  status: PendingStatus;
}

/** One row of the chat, in display order. */
export type TimelineEntry =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage };

/**
 * The conversation as the visitor sees it. The same message can arrive three ways —
 * the POST response's `replies`, the socket, and a resync after reconnecting — so
 * confirmed messages are deduplicated by `id` and ordered by `seq`; optimistic visitor
 * messages stay "pending" until a confirmed message carries their clientMsgId.
 */
export class MessageTimeline {
  readonly #byId = new Map<string, Message>();
  readonly #seqs = new Set<number>();
  readonly #pending = new Map<string, PendingMessage>();
  readonly #confirmedClientIds = new Set<string>();
  #sorted: Message[] = [];
  #syncedSeq = 0;

  /**
   * Adds messages; returns only the ones not seen before, in seq order.
   *
   * @example timeline.merge([welcome]); timeline.merge([welcome]) // second call returns []
   */
  merge(messages: readonly Message[]): Message[] {
    const added: Message[] = [];
    for (const message of messages) {
      // Defence in depth: an internal note is for staff only. Its seq still counts, so resync does not wait for it.
      if (message.internal === true) {
        this.#seqs.add(message.seq);
        continue;
      }
      if (this.#byId.has(message.id)) continue;
      this.#byId.set(message.id, message);
      this.#seqs.add(message.seq);
      if (message.clientMsgId) {
        this.#confirmedClientIds.add(message.clientMsgId);
        this.#pending.delete(message.clientMsgId);
      }
      added.push(message);
    }
    if (added.length > 0) this.#sorted = [...this.#byId.values()].sort((a, b) => a.seq - b.seq);
    this.#advanceSynced();
    return added.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Merges a page fetched with `messages?afterSeq=N`. The server returns everything after
   * N in order, so the fetched range is complete: gaps inside it are seqs that do not exist.
   */
  mergeFetched(afterSeq: number, messages: readonly Message[]): Message[] {
    const added = this.merge(messages);
    if (afterSeq <= this.#syncedSeq) {
      const top = messages.reduce((max, m) => Math.max(max, m.seq), afterSeq);
      this.#syncedSeq = Math.max(this.#syncedSeq, top);
      this.#advanceSynced();
    }
    return added;
  }

  /**
   * Where a resync must start: every seq up to here is known. Messages pushed over the
   * socket only move it when they are contiguous, so one that was missed while the
   * connection was down is still fetched even if later ones arrived by HTTP.
   */
  get resumeSeq(): number {
    return this.#syncedSeq;
  }

  /** Highest seq seen from any source. */
  get lastSeq(): number {
    return this.#sorted.at(-1)?.seq ?? 0;
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** Shows a visitor message before the server confirms it. Ignored if already confirmed. */
  addPending(pending: Omit<PendingMessage, 'status'>, status: PendingStatus = 'sending'): void {
    if (this.#confirmedClientIds.has(pending.clientMsgId)) return;
    this.#pending.set(pending.clientMsgId, { ...pending, status });
  }

  setPendingStatus(clientMsgId: string, status: PendingStatus): void {
    const pending = this.#pending.get(clientMsgId);
    if (pending) this.#pending.set(clientMsgId, { ...pending, status });
  }

  /** Moves every unconfirmed message in status `from` to `to`. */
  setPendingStatusWhere(from: readonly PendingStatus[], to: PendingStatus): void {
    for (const [id, pending] of this.#pending) if (from.includes(pending.status)) this.#pending.set(id, { ...pending, status: to });
  }

  removePending(clientMsgId: string): void {
    this.#pending.delete(clientMsgId);
  }

  /** Confirmed messages by seq, then unconfirmed ones in the order they were typed. */
  entries(): TimelineEntry[] {
    const confirmed: TimelineEntry[] = this.#sorted.map((message) => ({ kind: 'message', key: message.id, message }));
    const pending: TimelineEntry[] = [...this.#pending.values()].map((p) => ({ kind: 'pending', key: `pending:${p.clientMsgId}`, pending: p }));
    return [...confirmed, ...pending];
  }

  #advanceSynced(): void {
    while (this.#seqs.has(this.#syncedSeq + 1)) this.#syncedSeq += 1;
  }
}
