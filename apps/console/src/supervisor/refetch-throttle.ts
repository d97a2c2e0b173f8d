export interface ThrottleTimers {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (timer: ReturnType<typeof setTimeout>) => void;
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

/**
 * Runs `run` at most once per `intervalMs` however many events ask for it: the first request runs
 * at once, the ones during the pause collapse into a single run at its end, so a burst of
 * `handoff.changed` events costs two fetches and the last state is never missed.
 * @example const refetch = new RefetchThrottle(() => void reload(), 2000); socket.on('handoff.changed', () => refetch.request());
 */
export class RefetchThrottle {
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  request(): void {
    if (this.pending !== null) return;
    const wait = this.lastRunAt + this.intervalMs - this.timers.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      this.fire();
    }, wait);
  }

  /** Drops a run still waiting (on unmount). */
  cancel(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
  }

  private fire(): void {
    this.lastRunAt = this.timers.now();
    this.run();
  }
}
