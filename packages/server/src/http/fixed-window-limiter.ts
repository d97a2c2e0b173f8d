import { RateLimitedError } from '../errors/app-error.js';
import { MemoryWindowCounter, type WindowCounter } from './window-counter.js';

/**
 * A per-key request budget per time window. It counts where `counter` counts: in Redis shared by
 * every node when REDIS_URL is set (RedisWindowCounter), else in this process. Durable limits
 * (logins) live in the database.
 * @example
 * const startsPerIp = app.rateLimits.limiter('widget.starts_per_ip', 30, 60_000);
 * await startsPerIp.hit(req.ip); // throws RateLimitedError (429) past 30 a minute
 */
export class FixedWindowLimiter {
  constructor(
    /** Keeps the keys of different limits apart in a shared counter. */
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly counter: WindowCounter = new MemoryWindowCounter(),
  ) {}

  /** Counts one hit for `key`; throws RateLimitedError once the budget is spent. */
  async hit(key: string): Promise<void> {
    const { count, resetInMs } = await this.counter.increment(`${this.name}:${key}`, this.windowMs);
    if (count > this.limit) throw new RateLimitedError(resetInMs / 1000);
  }
}
