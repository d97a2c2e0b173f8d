import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends, testRedis, TEST_REDIS_URL } from '../test-support/test-backends.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';
import { RedisWindowCounter } from './redis-window-counter.js';
import { MemoryWindowCounter } from './window-counter.js';

const redisUp = await testRedis();
const backends = await testBackends();

describe('a fixed-window limit in memory', () => {
  it('refuses the hit past the budget with 429 and retry-after, and opens again in the next window', async () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter('test', 3, 60_000, new MemoryWindowCounter(() => now));
    for (let i = 0; i < 3; i++) await limiter.hit('ip-1');
    await expect(limiter.hit('ip-1')).rejects.toMatchObject({ code: 'rate_limited', statusCode: 429, headers: { 'retry-after': '60' } });
    await limiter.hit('ip-2');
    now += 60_000;
    await limiter.hit('ip-1');
  });

  it('keeps two limits on one counter apart by name', async () => {
    const counter = new MemoryWindowCounter();
    const starts = new FixedWindowLimiter('starts', 1, 60_000, counter);
    const searches = new FixedWindowLimiter('searches', 1, 60_000, counter);
    await starts.hit('v');
    await searches.hit('v');
    await expect(starts.hit('v')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('still limits, per node, when Redis does not answer', async () => {
    const dead = new RedisWindowCounter('redis://127.0.0.1:1', { commandTimeoutMs: 200 });
    try {
      const limiter = new FixedWindowLimiter(`dead-${randomUUID()}`, 2, 60_000, dead);
      await limiter.hit('ip');
      await limiter.hit('ip');
      await expect(limiter.hit('ip')).rejects.toMatchObject({ code: 'rate_limited' });
    } finally {
      await dead.close();
    }
  });
});

describe.runIf(redisUp)('a fixed-window limit in Redis', () => {
  it('is one budget for two nodes, and a restarted node remembers it', async () => {
    const name = `shared-${randomUUID()}`;
    const a = new RedisWindowCounter(TEST_REDIS_URL);
    const b = new RedisWindowCounter(TEST_REDIS_URL);
    try {
      const onA = new FixedWindowLimiter(name, 4, 60_000, a);
      const onB = new FixedWindowLimiter(name, 4, 60_000, b);
      await onA.hit('ip');
      await onB.hit('ip');
      await onA.hit('ip');
      await onB.hit('ip');
      await expect(onA.hit('ip')).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(onB.hit('ip')).rejects.toMatchObject({ code: 'rate_limited' });
      await a.close();
      const restarted = new RedisWindowCounter(TEST_REDIS_URL);
      try {
        await expect(new FixedWindowLimiter(name, 4, 60_000, restarted).hit('ip')).rejects.toMatchObject({ code: 'rate_limited' });
      } finally {
        await restarted.close();
      }
    } finally {
      await b.close();
    }
  });

  it('gives every new window an expiry, also when many hits race on a fresh key', async () => {
    const counter = new RedisWindowCounter(TEST_REDIS_URL);
    try {
      const key = `race-${randomUUID()}`;
      const counts = await Promise.all(Array.from({ length: 20 }, () => counter.increment(key, 5_000)));
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      for (const c of counts) expect(c.resetInMs).toBeGreaterThan(0);
      for (const c of counts) expect(c.resetInMs).toBeLessThanOrEqual(5_000);
    } finally {
      await counter.close();
    }
  });
});

describe.runIf(redisUp && backends.includes('postgres'))('widget limits on two app nodes sharing Redis (postgres)', () => {
  let node1: TestApp;
  let node2: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    node1 = await TestApp.start('postgres', { redisUrl: TEST_REDIS_URL });
    node2 = await TestApp.startSharing(node1, { redisUrl: TEST_REDIS_URL });
    tenant = await node1.createTenant('limits-shared');
  });
  afterAll(async () => {
    await node2?.closeShared();
    await node1?.close();
  });

  it('allows 30 conversation starts a minute per IP across both nodes, not 30 on each', async () => {
    // A fresh address each run: the window outlives the test in Redis.
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const start = (node: TestApp) => node.app.inject({ method: 'POST', url: '/api/v1/widget/conversations', payload: { tenant: tenant.slug }, remoteAddress: ip });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await start(node1)).statusCode, (await start(node2)).statusCode);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const refused = await start(node2);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await start(node1)).statusCode).toBe(429);
  }, 300_000);
});
