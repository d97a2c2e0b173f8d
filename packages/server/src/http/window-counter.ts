/** How many hits a key has had in its current window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Where fixed-window rate limits count: in this process's memory, or in Redis shared by every node.
 * `increment` counts one hit for `key` in a window of `windowMs` that starts at the key's first hit.
 */
export interface WindowCounter {
  increment(key: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

/** Counts in this process: one node's view, forgotten on restart. The fallback when Redis is not there. */
export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    return this.incrementNow(key, windowMs);
  }

  /** The same count without a promise, for the fallback path of a shared counter. */
  incrementNow(key: string, windowMs: number): WindowCount {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= windowMs) {
      if (this.windows.size > 50_000) this.evict(t, windowMs);
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetInMs: w.start + windowMs - t };
  }

  async close(): Promise<void> {}

  private evict(t: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= windowMs) this.windows.delete(k);
  }
}
