import { Redis } from 'ioredis';
import pg from 'pg';

export type Backend = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const servicesRequired = process.env.REQUIRE_SERVICES === '1';

/** Whether the test PostgreSQL accepts a connection and a query right now. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a schema a test made in the test PostgreSQL, with everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/**
 * The backends integration tests run on: PGlite always, PostgreSQL when it
 * answers. With REQUIRE_SERVICES=1 (CI) a missing PostgreSQL is a failure,
 * never a silent skip.
 */
export async function testBackends(): Promise<Backend[]> {
  if (await postgresAnswers()) return ['pglite', 'postgres'];
  if (servicesRequired) throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL at ${TEST_DATABASE_URL} does not answer`);
  return ['pglite'];
}

/** Whether the test Redis accepts a connection and answers PING right now. */
export async function redisAnswers(): Promise<boolean> {
  const r = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** Whether tests that need Redis run; with REQUIRE_SERVICES=1 a missing Redis is a failure, never a silent skip. */
export async function testRedis(): Promise<boolean> {
  const up = await redisAnswers();
  if (servicesRequired && !up) throw new Error(`REQUIRE_SERVICES=1 but Redis at ${TEST_REDIS_URL} does not answer`);
  if (!up) console.warn(`Redis at ${TEST_REDIS_URL} does not answer: the tests that need it are skipped`);
  return up;
}
