import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { pgliteParameter } from './pglite-parameter.js';
import { PglitePreparedStatements } from './pglite-prepared-statements.js';

const { serialize } = protocol;

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Kysely dialect for embedded PGlite. PGlite is one connection, so the driver
 * hands it out to one holder at a time: a transaction keeps it until commit or
 * rollback, and other queries queue behind it instead of interleaving.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(private readonly pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => held);
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release();
  }
  async destroy(): Promise<void> {
    await this.queue;
    if (!this.pglite.closed) await this.pglite.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  private readonly prepared: PglitePreparedStatements;
  constructor(private readonly pglite: PGlite) {
    this.prepared = PglitePreparedStatements.of(pglite);
  }

  private async run(text: string, values: (string | Uint8Array | null)[], { name, isNew, evicted }: { name: string; isNew: boolean; evicted: string | null }) {
    const parts: Uint8Array[] = [];
    // Closing a statement that does not exist is no error, so an eviction never fails a query.
    if (evicted) parts.push(serialize.close({ type: 'S', name: evicted }));
    if (isNew) parts.push(serialize.parse({ text, name }));
    parts.push(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync());
    // The Sync in the same message ends a failed statement too, so PGlite is ready for the next one.
    const messages = await this.pglite.execProtocolStream(concatBytes(parts), { syncToFs: false });
    await this.pglite.syncToFs();
    return parse.parseResults(messages, this.pglite.parsers)[0] ?? { rows: [], fields: [], affectedRows: 0 };
  }

  /**
   * One statement in one call into PGlite's WebAssembly, as a named prepared statement: Parse the first
   * time a text is seen (PglitePreparedStatements), then Bind, Describe, Execute and Sync, sent together.
   * `pglite.query` makes six calls (it describes the statement first to pick each parameter's serializer)
   * and parses and plans the text every time; each call and each plan has a cost (bench/results/chat.md).
   * The parameters are sent as text instead, as node-postgres sends them.
   */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const text = compiled.sql;
    const values = compiled.parameters.map(pgliteParameter);
    const result = await this.pglite.runExclusive(async () => {
      for (let attempt = 0; ; attempt++) {
        const statement = this.prepared.nameFor(text);
        try {
          return await this.run(text, values, statement);
        } catch (err) {
          // The statement may not exist (its Parse failed) or be stale: drop it, and prepare it again next time.
          this.prepared.forget(text);
          await this.pglite.execProtocolStream(concatBytes([serialize.close({ type: 'S', name: statement.name }), serialize.sync()]), { syncToFs: false }).catch(() => undefined);
          // A table's row type changed under a prepared `select *` (a migration): prepared again, it runs.
          if (attempt === 0 && (err as { code?: string }).code === '0A000') continue;
          throw err;
        }
      }
    });
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined && result.fields.length === 0 ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the PGlite driver');
  }
}
