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

// PostgreSQL ending a node's sessions (pg_terminate_backend, a failover) reaches a query as pg's own message or,
// when the reset wins the race, as the socket's error: both are "retry in a second", never a 500.
describe('a request whose database connection was reset', () => {
  it.each([
    ['the socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' })],
    ['a write to the closed socket', Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' })],
    ['pg noticing the end', new Error('Connection terminated unexpectedly')],
    ['an administrator ending the session', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ])('answers 503 unavailable with Retry-After 1 for %s', async (_, failure) => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/query', async () => {
      throw failure;
    });
    const res = await app.inject({ url: '/query' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ error: { code: 'unavailable' } });
    await app.close();
  });
});
