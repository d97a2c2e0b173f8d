/**
 * Hands out loopback source addresses for conversation starts so that none exceeds the widget API's
 * per-IP budget (30 starts a minute): each address remembers its recent starts, and a caller waits
 * only when every address has spent its budget. 127.0.0.2 … 127.0.0.60 allow ~1,770 starts a minute.
 *
 * @example const pool = new LoopbackPool(); const ip = await pool.take(); await WidgetClient.start(base, tenant, ip);
 */
export class LoopbackPool {
  private readonly starts: Map<string, number[]>;
  private cursor = 0;

  constructor(
    readonly addresses: readonly string[] = Array.from({ length: 59 }, (_, i) => `127.0.0.${i + 2}`),
    private readonly perWindow = 30,
    // A little over the server's minute, so a window that has just rolled over there has rolled here too.
    private readonly windowMs = 61_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.starts = new Map(addresses.map((a) => [a, []]));
  }

  /** An address with budget left (round-robin), counting one start on it. */
  async take(): Promise<string> {
    for (;;) {
      const t = this.now();
      for (let i = 0; i < this.addresses.length; i++) {
        const address = this.addresses[(this.cursor + i) % this.addresses.length] as string;
        const recent = (this.starts.get(address) as number[]).filter((s) => t - s < this.windowMs);
        this.starts.set(address, recent);
        if (recent.length < this.perWindow) {
          recent.push(t);
          this.cursor = (this.cursor + i + 1) % this.addresses.length;
          return address;
        }
      }
      const oldest = Math.min(...[...this.starts.values()].map((s) => s[0] ?? t));
      await this.sleep(Math.max(50, oldest + this.windowMs - t));
    }
  }
}
