import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryCompiler, type TransactionSettings } from 'kysely';
import { TenantScope } from './tenant-scope.js';

// What a session starts with: both settings unset, which the policies read as "no tenant".
const NO_SCOPE = 'off|';
// One more than the pool's size (create-database.ts): every idle client of the pool may have lost its session.
const MAX_ACQUIRE_ATTEMPTS = 11;

/** The pg client's errors for a session that ended beneath it (not a statement PostgreSQL refused). */
function sessionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '57P01' || e.code === '57P02' || (typeof e.message === 'string' && /Connection terminated|is not queryable/.test(e.message));
}

/**
 * Wraps a PostgreSQL dialect so every connection handed to a query carries the
 * TenantScope of the code that asked for it, as the session settings
 * `zhida.tenant_id` and `zhida.all_tenants` the row-level security policies
 * read (migration 0011). A transaction acquires its connection once, so it
 * runs wholly in the scope it started in.
 */
export class TenantScopedDialect implements Dialect {
  constructor(private readonly inner: Dialect) {}
  createAdapter() {
    return this.inner.createAdapter();
  }
  createDriver(): Driver {
    return new TenantScopedDriver(this.inner.createDriver());
  }
  createIntrospector(db: Kysely<unknown>) {
    return this.inner.createIntrospector(db);
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
}

class TenantScopedDriver implements Driver {
  // The scope each connection's session was last given: most acquisitions repeat it and cost no extra statement.
  private readonly applied = new WeakMap<DatabaseConnection, string>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Read before any await: a pool may resume us from another caller's context.
    const scope = TenantScope.current();
    const tenantId = scope?.tenantId ?? '';
    const allTenants = scope?.allTenants ? 'on' : 'off';
    const wanted = `${allTenants}|${tenantId}`;
    for (let attempt = 1; ; attempt++) {
      const connection = await this.inner.acquireConnection();
      if ((this.applied.get(connection) ?? NO_SCOPE) === wanted) return connection;
      try {
        // Session-wide (not LOCAL), set outside any transaction, so no rollback undoes it behind the cache.
        await connection.executeQuery(CompiledQuery.raw(`select set_config('zhida.tenant_id', $1, false), set_config('zhida.all_tenants', $2, false)`, [tenantId, allTenants]));
        this.applied.set(connection, wanted);
        return connection;
      } catch (err) {
        this.applied.delete(connection);
        // The pool drops a client whose session is gone when it comes back.
        await this.inner.releaseConnection(connection);
        // After PostgreSQL ended the pool's sessions (a failover, pg_terminate_backend), idle clients whose backend
        // is still exiting look alive; only this statement finds out. Nothing of the caller ran on the session yet,
        // so another client is as good: try again rather than fail the request.
        if (attempt >= MAX_ACQUIRE_ATTEMPTS || !sessionLost(err)) throw err;
      }
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.savepoint) throw new Error('savepoints are not supported by this dialect');
    await this.inner.savepoint(connection, name, compileQuery);
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.rollbackToSavepoint) throw new Error('savepoints are not supported by this dialect');
    await this.inner.rollbackToSavepoint(connection, name, compileQuery);
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.releaseSavepoint) throw new Error('savepoints are not supported by this dialect');
    await this.inner.releaseSavepoint(connection, name, compileQuery);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
