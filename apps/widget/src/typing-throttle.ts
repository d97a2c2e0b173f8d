import type { Scheduler } from './scheduler.js';

export interface TypingThrottleOptions {
  /** While the visitor keeps typing, repeat `true` at most this often so the agent's indicator stays on. */
  refreshMs?: number;
  /** After this long without a keystroke, report `false`. */
  idleMs?: number;
}

/**
 * Turns a stream of keystrokes into a few `typing` signals: one `true` when typing starts,
 * a refresh every `refreshMs` while it continues, and one `false` when it stops.
 *
 * @example
 * const typing = new TypingThrottle((isTyping) => socket.emit('typing', { isTyping }), scheduler);
 * textarea.addEventListener('input', () => typing.keystroke());
 */
export class TypingThrottle {
  #typing = false;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #idleTimer: unknown = null;
  readonly #refreshMs: number;
  readonly #idleMs: number;

  constructor(
    private readonly emit: (isTyping: boolean) => void,
    private readonly scheduler: Scheduler,
    options: TypingThrottleOptions = {},
  ) {
    this.#refreshMs = options.refreshMs ?? 2_000;
    this.#idleMs = options.idleMs ?? 3_000;
  }

  keystroke(): void {
    const now = this.scheduler.now();
    if (!this.#typing || now - this.#lastSentAt >= this.#refreshMs) {
      this.#typing = true;
      this.#lastSentAt = now;
      this.emit(true);
    }
    if (this.#idleTimer !== null) this.scheduler.clearTimeout(this.#idleTimer);
    this.#idleTimer = this.scheduler.setTimeout(() => this.stop(), this.#idleMs);
  }

  /** Reports that typing stopped (message sent, input cleared or left); silent if it never started. */
  stop(): void {
    if (this.#idleTimer !== null) {
      this.scheduler.clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
    if (!this.#typing) return;
    this.#typing = false;
    this.emit(false);
  }
}
