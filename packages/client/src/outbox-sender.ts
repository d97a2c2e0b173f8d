import type { Outbox, OutboxItem } from './outbox.js';
import { retryDelay } from './retry-delay.js';
import type { Scheduler } from './scheduler.js';
import { WidgetApiError } from './widget-api-error.js';

/** What the sender reports back while it works through the outbox. */
export interface OutboxSenderEvents<T> {
  onSending(item: OutboxItem): void;
  onDelivered(item: OutboxItem, result: T): void;
  /** A transient failure; the same item (same clientMsgId) is tried again after `delayMs` (the server's Retry-After when it sent one). */
  onRetrying(item: OutboxItem, error: WidgetApiError, delayMs: number): void;
  /** The server refused the message for good (e.g. validation); it was dropped from the outbox. */
  onRejected(item: OutboxItem, error: WidgetApiError): void;
  /** The conversation is gone; sending is paused until `start()` is called with a new one. */
  onSessionLost(item: OutboxItem, error: WidgetApiError): void;
}

export interface OutboxSenderOptions {
  scheduler: Scheduler;
  /** Delay before retry number `attempt` (1-based). */
  backoff: (attempt: number) => number;
}

/**
 * Delivers outbox items one at a time, oldest first, so the conversation keeps the order
 * the visitor typed in. A failed delivery is retried with the very same item — and so the
 * same clientMsgId — which the server treats as idempotent: nothing lost, nothing doubled.
 *
 * @example
 * const sender = new OutboxSender(outbox, (item) => api.sendMessage(session, item), events, { scheduler, backoff });
 * sender.start();
 */
export class OutboxSender<T> {
  #running = false;
  #inFlight = false;
  #timer: unknown = null;
  /** The current wait is one the server named (Retry-After): coming back online does not shorten it. */
  #serverNamedWait = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly deliver: (item: OutboxItem) => Promise<T>,
    private readonly events: OutboxSenderEvents<T>,
    private readonly options: OutboxSenderOptions,
  ) {}

  /** Begins (or resumes) sending whatever is in the outbox. */
  start(): void {
    this.#running = true;
    this.#pump();
  }

  /** Stops after the request in flight, if any; queued items stay in the outbox. */
  pause(): void {
    this.#running = false;
    this.#cancelTimer();
  }

  /** Skips the remaining backoff wait, e.g. when the browser reports it is back online; a Retry-After wait stands. */
  retryNow(): void {
    if (!this.#running || this.#timer === null || this.#serverNamedWait) return;
    this.#cancelTimer();
    this.#pump();
  }

  /** Call after adding to the outbox; a no-op while a send or a backoff wait is under way. */
  notify(): void {
    this.#pump();
  }

  get idle(): boolean {
    return !this.#inFlight && this.#timer === null;
  }

  #pump(): void {
    if (!this.#running || this.#inFlight || this.#timer !== null) return;
    const item = this.outbox.peek();
    if (!item) return;
    this.#inFlight = true;
    this.events.onSending(item);
    this.deliver(item).then(
      (result) => {
        this.#inFlight = false;
        this.outbox.remove(item.clientMsgId);
        this.events.onDelivered(item, result);
        this.#pump();
      },
      (cause: unknown) => {
        this.#inFlight = false;
        this.#handleFailure(item, WidgetApiError.from(cause));
      },
    );
  }

  #handleFailure(item: OutboxItem, error: WidgetApiError): void {
    switch (error.kind) {
      case 'retryable': {
        const attempts = this.outbox.recordAttempt(item.clientMsgId);
        const delayMs = retryDelay(error, attempts, this.options.backoff);
        this.#serverNamedWait = error.retryAfterMs !== null;
        this.events.onRetrying(item, error, delayMs);
        if (!this.#running) return;
        this.#timer = this.options.scheduler.setTimeout(() => {
          this.#timer = null;
          this.#pump();
        }, delayMs);
        return;
      }
      case 'rejected':
        this.outbox.remove(item.clientMsgId);
        this.events.onRejected(item, error);
        this.#pump();
        return;
      case 'session_lost':
        this.#running = false;
        this.events.onSessionLost(item, error);
        return;
    }
  }

  #cancelTimer(): void {
    if (this.#timer === null) return;
    this.options.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
