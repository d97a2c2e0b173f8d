/** How long a prefetched context may stand in for a fresh one; the missed messages are paged in after it anyway. */
export const CONTEXT_PREFETCH_MAX_AGE_MS = 60_000;

/**
 * Contexts loaded while an offer is on screen, so 接入 shows the summary and transcript without a
 * round trip. Each is used once; a stale or failed one is never used (the chat fetches afresh).
 * @example const prefetch = new ContextPrefetch((id) => api.context(id)); prefetch.start('c1'); await prefetch.take('c1')
 */
export class ContextPrefetch<T> {
  private readonly entries = new Map<string, { startedAt: number; value: Promise<T | null> }>();

  constructor(
    private readonly load: (conversationId: string) => Promise<T>,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = CONTEXT_PREFETCH_MAX_AGE_MS,
  ) {}

  /** Starts loading unless a fresh load of this conversation is already under way or done. */
  start(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (entry && this.now() - entry.startedAt < this.maxAgeMs) return;
    // A failure resolves to null: the chat then loads for itself and shows that error, not this one.
    this.entries.set(conversationId, { startedAt: this.now(), value: this.load(conversationId).catch(() => null) });
  }

  /** The prefetched context, once; null when there is none, it is stale, or it failed. */
  async take(conversationId: string): Promise<T | null> {
    const entry = this.entries.get(conversationId);
    this.entries.delete(conversationId);
    if (!entry || this.now() - entry.startedAt >= this.maxAgeMs) return null;
    return entry.value;
  }

  /** Forgets a conversation whose offer went away unaccepted. */
  drop(conversationId: string): void {
    this.entries.delete(conversationId);
  }
}
