import { PostgresDialect, type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TenantScope } from './tenant-scope.js';
import { TenantScopedDialect } from './tenant-scoped-dialect.js';

/** A pooled session: `fails` is what its first statement throws (a session PostgreSQL already ended), if anything. */
class FakeConnection implements DatabaseConnection {
  readonly statements: string[] = [];
  constructor(
    readonly name: string,
    private readonly fails: Error | null,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.statements.push(query.sql);
    if (this.fails) throw this.fails;
    return { rows: [] };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('not used');
  }
}

/** Hands out `connections` in order, as a pool whose idle clients are listed first. */
function fakeDialect(connections: FakeConnection[]) {
  const released: string[] = [];
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => {
      const next = connections.shift();
      if (!next) throw new Error('pool exhausted');
      return next;
    },
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async (c) => void released.push((c as FakeConnection).name),
    destroy: async () => undefined,
  };
  const base = new PostgresDialect({ pool: {} as never });
  const inner: Dialect = { createAdapter: () => base.createAdapter(), createDriver: () => driver, createIntrospector: (db) => base.createIntrospector(db), createQueryCompiler: () => base.createQueryCompiler() };
  return { driver: new TenantScopedDialect(inner).createDriver(), released };
}

const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('TenantScopedDialect after PostgreSQL ended the pool’s sessions', () => {
  it('passes over pooled clients whose session is gone and serves the query on a live one', async () => {
    const dead1 = new FakeConnection('dead-1', new Error('Connection terminated unexpectedly'));
    const dead2 = new FakeConnection('dead-2', terminated());
    const dead3 = new FakeConnection('dead-3', new Error('Client has encountered a connection error and is not queryable'));
    const live = new FakeConnection('live', null);
    const { driver, released } = fakeDialect([dead1, dead2, dead3, live]);
    const got = await TenantScope.asTenant('t-1', () => driver.acquireConnection());
    expect((got as FakeConnection).name).toBe('live');
    expect(live.statements[0]).toContain("set_config('zhida.tenant_id'");
    // Each dead one goes back to the pool, which drops it.
    expect(released).toEqual(['dead-1', 'dead-2', 'dead-3']);
  });

  it('does not retry what PostgreSQL refused for another reason', async () => {
    const refused = Object.assign(new Error('permission denied'), { code: '42501' });
    const { driver, released } = fakeDialect([new FakeConnection('refusing', refused), new FakeConnection('live', null)]);
    await expect(TenantScope.asTenant('t-1', () => driver.acquireConnection())).rejects.toBe(refused);
    expect(released).toEqual(['refusing']);
  });

  it('gives up once every client of a full pool has failed', async () => {
    const all = Array.from({ length: 12 }, (_, i) => new FakeConnection(`dead-${i}`, new Error('Connection terminated unexpectedly')));
    const { driver, released } = fakeDialect(all);
    await expect(TenantScope.asTenant('t-1', () => driver.acquireConnection())).rejects.toThrow('Connection terminated unexpectedly');
    expect(released).toHaveLength(11);
  });
});
