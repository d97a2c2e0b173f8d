import { Redis } from 'ioredis';
import { MemoryWindowCounter, type WindowCount, type WindowCounter } from './window-counter.js';

// INCR and the expiry of a new window in one atomic step: two nodes hitting a fresh key at once
// never leave it without an expiry (which would lock the key out for good).
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

export interface RedisWindowCounterOptions {
  /** Keeps one installation's counts apart from another's on a shared Redis (buildApp: the database schema). */
  namespace?: string;
  /** A hit waits at most this long for Redis before it is counted in memory instead. */
  commandTimeoutMs?: number;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Counts in Redis, so every app node shares one budget per key and a restart forgets nothing. When
 * Redis does not answer (down, restarting, flushed), hits are counted in this process instead —
 * limits stay on, per node, until Redis is back — and a request never waits on a dead Redis.
 */
export class RedisWindowCounter implements WindowCounter {
  private readonly redis: Redis;
  private readonly fallback = new MemoryWindowCounter();
  private failing = false;
  // Resolves at the first connection; until then a hit waits for it (at most the command timeout).
  private readonly firstConnection: Promise<void>;
  private connectedOnce = false;

  constructor(
    url: string,
    private readonly options: RedisWindowCounterOptions = {},
  ) {
    this.redis = new Redis(url, {
      // Fail at once while disconnected rather than queue hits behind the reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      lazyConnect: false,
    });
    this.redis.on('error', () => {});
    this.firstConnection = new Promise((resolve) => this.redis.once('ready', () => resolve()));
    void this.firstConnection.then(() => (this.connectedOnce = true));
    this.redis.defineCommand('zhidaWindowHit', { numberOfKeys: 1, lua: INCREMENT });
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    // A node just started counts its first hits in Redis too; later outages fail fast (no offline queue).
    if (!this.connectedOnce) await Promise.race([this.firstConnection, new Promise((resolve) => setTimeout(resolve, this.options.commandTimeoutMs ?? 500).unref())]);
    try {
      const [count, ttl] = (await (this.redis as Redis & { zhidaWindowHit(key: string, windowMs: number): Promise<[number, number]> }).zhidaWindowHit(`zhida:${this.options.namespace ?? 'public'}:rate:${key}`, windowMs));
      if (this.failing) {
        this.failing = false;
        this.options.log?.warn({}, 'rate limits count in Redis again');
      }
      return { count, resetInMs: ttl };
    } catch (err) {
      if (!this.failing) {
        this.failing = true;
        this.options.log?.warn({ err: (err as Error).message }, 'Redis did not answer: rate limits count per node until it is back');
      }
      return this.fallback.incrementNow(key, windowMs);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
