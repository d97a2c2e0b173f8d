export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs?: number;
  /**
   * Upper bound for any single delay, so a long outage never means a long wait after it ends. Default 5 s: a
   * visitor whose message failed while a node or the database was down is sent again at most 5 s after it is back
   * (bench:cluster's bar: every visitor served within 10 s of a fault); a server that needs longer says so in
   * Retry-After (429, 503), which wins over this backoff.
   */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential growth, capped at `maxMs`,
 * with "equal jitter" so many widgets reconnecting after an outage do not retry in lockstep.
 *
 * @example backoffDelay(3) // somewhere in [2000, 4000]
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 5000, random = Math.random } = options;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // Clamp the exponent too: 2 ** 1100 is Infinity, and Infinity / 2 + jitter is not a delay.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
