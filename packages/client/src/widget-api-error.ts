/** What the widget should do about a failed request. */
export type FailureKind = 'retryable' | 'session_lost' | 'rejected';

/**
 * A failed call to the widget API. `code` is the server's stable error code, or
 * `network_error` / `invalid_response` when no usable answer came back (status 0).
 * `retryAfterMs` is the server's `Retry-After`, when it sent one.
 */
export class WidgetApiError extends Error {
  override readonly name = 'WidgetApiError';

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** The server is up but rate-limiting us (429): a wait it names, not an outage. */
  get throttled(): boolean {
    return this.status === 429;
  }

  /** Wraps anything thrown by fetch or by our own code as a retryable network error. */
  static from(cause: unknown): WidgetApiError {
    if (cause instanceof WidgetApiError) return cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    return new WidgetApiError('network_error', 0, message);
  }

  /**
   * Network trouble, throttling and server hiccups are worth retrying with the same
   * clientMsgId; a 401/404 means our stored conversation is gone; anything else
   * (validation, payload too large) will fail again however often we try.
   */
  get kind(): FailureKind {
    if (this.status === 0 || this.status === 429 || this.status >= 500) return 'retryable';
    if (this.status === 401 || this.status === 404) return 'session_lost';
    return 'rejected';
  }
}
