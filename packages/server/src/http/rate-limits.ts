import { FixedWindowLimiter } from './fixed-window-limiter.js';
import { RedisWindowCounter } from './redis-window-counter.js';
import { MemoryWindowCounter, type WindowCounter } from './window-counter.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the routes' rate limits count (decorated by buildApp): shared through Redis when REDIS_URL is set. */
    rateLimits: RateLimits;
  }
}

/**
 * Makes the rate limiters of every module on one counter: Redis when a URL is given (every node
 * shares the budget, a restart forgets nothing), this process's memory otherwise.
 */
export class RateLimits {
  private readonly counter: WindowCounter;

  /** `namespace`: whose counts these are on a shared Redis — the nodes of one installation share its database schema. */
  constructor(redisUrl: string | null, options: { namespace: string; log?: { warn(obj: object, msg: string): void } }) {
    this.counter = redisUrl ? new RedisWindowCounter(redisUrl, options) : new MemoryWindowCounter();
  }

  /** A limiter of `limit` hits per key per `windowMs`; `name` must be unique to the limit. */
  limiter(name: string, limit: number, windowMs: number): FixedWindowLimiter {
    return new FixedWindowLimiter(name, limit, windowMs, this.counter);
  }

  close(): Promise<void> {
    return this.counter.close();
  }
}
