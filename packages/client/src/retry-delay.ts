import type { WidgetApiError } from './widget-api-error.js';

/** A later 429 can always ask for more; one absurd header must not park the visitor for hours. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** "Retry-After: 0" on every answer would otherwise turn the widget into a busy loop. */
const MIN_RETRY_AFTER_MS = 500;

/**
 * How long to wait before trying a failed request again: what the server asked for in
 * `Retry-After` (bounded), else our own backoff for retry number `attempt`.
 *
 * @example retryDelay(new WidgetApiError('rate_limited', 429, 'slow down', 3000), 1, backoff) // 3000
 */
export function retryDelay(error: WidgetApiError, attempt: number, backoff: (attempt: number) => number): number {
  if (error.retryAfterMs === null) return backoff(attempt);
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, error.retryAfterMs));
}
