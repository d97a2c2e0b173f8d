/** How long a request's alert is remembered: a reconnect or a second node emitting it again stays silent. */
const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 500;

/**
 * Lets each high-risk alert through once: the same request alerted again (a redelivery after a
 * reconnect, a requeue that re-emits it) within ten minutes is swallowed.
 * @example const dedupe = new AlertDedupe(); dedupe.admit('r1', now) // true; dedupe.admit('r1', now + 1000) // false
 */
export class AlertDedupe {
  private readonly seen = new Map<string, number>();

  constructor(private readonly rememberMs = REMEMBER_MS) {}

  /** True the first time `key` arrives (or once it has been forgotten); records it. */
  admit(key: string, now: number): boolean {
    this.forgetOlderThan(now - this.rememberMs);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    // Maps keep insertion order, so the oldest entries go first when the cap is reached.
    while (this.seen.size > MAX_REMEMBERED) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, at] of this.seen) {
      if (at > cutoff) break;
      this.seen.delete(key);
    }
  }
}
