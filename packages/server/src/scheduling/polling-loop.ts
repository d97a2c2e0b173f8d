/**
 * The timer behind every database-polling worker (the job runner, the SLA scheduler, webhook
 * deliveries): sweep now, then `pollMs` after each sweep ends — never two sweeps at once — and
 * `stop()` waits for the sweep in hand. The timer is unref'd, so it never keeps a process alive.
 * The work itself lives in the database; this only decides when to look.
 * @example
 * const loop = new PollingLoop(() => runner.sweepAll(), 5000);
 * loop.start(); // … await loop.stop()
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly sweep: () => Promise<void>,
    private readonly pollMs: number,
  ) {}

  /** False once stop() was called: a sweep that drains batch after batch checks it between batches. */
  get running(): boolean {
    return !this.stopped;
  }

  /** Starts polling (the first sweep is immediate). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the sweep in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.sweep().finally(() => {
        this.tick = null;
        this.schedule(this.pollMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
