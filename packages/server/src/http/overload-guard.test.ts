import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { OverloadGuard } from './overload-guard.js';

/** A node whose /work requests hang until released: a stand-in for bot turns queued behind a busy CPU. */
async function node(maxInFlight: number): Promise<{ app: FastifyInstance; guard: OverloadGuard; release: () => void; arrived: () => number }> {
  const app = Fastify();
  const guard = new OverloadGuard({ maxInFlight, exempt: (path) => path === '/readyz' });
  guard.install(app);
  let gate!: () => void;
  let open = new Promise<void>((r) => (gate = r));
  let arrived = 0;
  app.get('/work', async () => {
    arrived++;
    await open;
    return { done: true };
  });
  app.get('/readyz', async () => ({ status: 'ready' }));
  await app.ready();
  return {
    app,
    guard,
    arrived: () => arrived,
    release: () => {
      gate();
      open = new Promise<void>((r) => (gate = r));
    },
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('OverloadGuard', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('answers 503 with Retry-After past the limit, not before, and serves again once requests finish', async () => {
    const n = await node(2);
    app = n.app;
    const held = [n.app.inject({ url: '/work' }), n.app.inject({ url: '/work' })];
    await until(() => n.arrived() === 2);

    const refused = await n.app.inject({ url: '/work' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toEqual({ error: { code: 'overloaded', message: expect.any(String) } });
    // The refused request never reached the handler.
    expect(n.arrived()).toBe(2);
    // A health check is never refused: busy is not dead.
    expect((await n.app.inject({ url: '/readyz' })).statusCode).toBe(200);

    n.release();
    for (const r of await Promise.all(held)) expect(r.statusCode).toBe(200);
    expect(n.guard.load).toBe(0);
    const again = n.app.inject({ url: '/work' });
    await until(() => n.arrived() === 3);
    n.release();
    expect((await again).statusCode).toBe(200);
    expect(n.guard.refused).toBe(1);
  });

  it('keeps counting a request whose client went away until its handler is done: the work goes on', async () => {
    const n = await node(1);
    app = n.app;
    const url = await n.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    const gone = fetch(`${url}/work`, { signal: abort.signal }).catch(() => 'aborted');
    await until(() => n.arrived() === 1);
    abort.abort();
    expect(await gone).toBe('aborted');
    // As nginx does after its read timeout, the client left; the handler still works, so a retry is refused.
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${url}/work`)).status).toBe(503);
    n.release();
    await until(() => n.guard.load === 0);
    const next = fetch(`${url}/work`);
    await until(() => n.arrived() === 2);
    n.release();
    expect((await next).status).toBe(200);
  });
});
