import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresAnswers, servicesRequired, TEST_DATABASE_URL } from '../test-support/test-backends.js';
import { installErrorHandler } from './error-handler.js';

const postgresUp = await postgresAnswers();

// A node with more requests than pooled connections: the database is fine, the node is busy. That is overload
// (503 overloaded, Retry-After 1), not "storage down" (Retry-After 5, which kept visitors waiting past the overload).
describe.skipIf(!postgresUp && !servicesRequired)('a request that waits out the connection pool', () => {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, connectionTimeoutMillis: 300 });
  afterAll(async () => pool.end());

  it('is answered 503 overloaded with Retry-After 1', async () => {
    if (!postgresUp) throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL at ${TEST_DATABASE_URL} does not answer`);
    const app = Fastify();
    installErrorHandler(app);
    app.get('/query', async () => (await pool.query('select 1 as one')).rows[0]);
    const held = await pool.connect();
    try {
      const res = await app.inject({ url: '/query' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toEqual({ error: { code: 'overloaded', message: expect.any(String) } });
    } finally {
      held.release();
    }
    // Once a connection is free the same request is served.
    expect((await app.inject({ url: '/query' })).json()).toEqual({ one: 1 });
    await app.close();
  });
});
