import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScope } from './tenant-scope.js';
import { createDatabase, type DatabaseHandle } from './create-database.js';
import { dropTestSchema, TEST_DATABASE_URL, testBackends } from '../test-support/test-backends.js';

// The bench:cluster finding: PostgreSQL terminating a node's connections (a failover, pg_terminate_backend, an
// idle-session timeout) while one was checked out and between queries — a transaction, a turn lock — raised an
// 'error' event nobody listened to, and the whole node died.
describe.runIf((await testBackends()).includes('postgres'))('a PostgreSQL connection reset (postgres)', () => {
  let handle: DatabaseHandle;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    handle = await createDatabase({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir: null });
    await admin.connect();
  });
  afterAll(async () => {
    await handle?.close();
    await admin.end();
    await dropTestSchema(schema);
  });

  it('fails the work on the lost connection, keeps the process alive, and serves the next query on a new one', async () => {
    const held = TenantScope.asSystem(() =>
      handle.db.connection().execute(async (conn) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
        // Terminated while checked out and idle: the client has no query to fail, only its 'error' event.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(conn);
      }),
    );
    await expect(held).rejects.toThrow();
    await handle.ping();
    const { rows } = await TenantScope.asSystem(() => sql<{ one: number }>`select 1 as one`.execute(handle.db));
    expect(rows[0]!.one).toBe(1);
  });

  it('has PostgreSQL probe its sessions, so a node that vanished without closing them frees its locks in seconds', async () => {
    // Over TCP only (a Unix socket has no keepalive; the test URL is 127.0.0.1): PostgreSQL reports 0 there.
    const { rows } = await TenantScope.asSystem(() =>
      sql<{ idle: string; interval: string; count: string }>`select current_setting('tcp_keepalives_idle') as idle, current_setting('tcp_keepalives_interval') as interval, current_setting('tcp_keepalives_count') as count`.execute(handle.db),
    );
    expect(rows[0]).toEqual({ idle: '10', interval: '5', count: '3' });
  });
});
