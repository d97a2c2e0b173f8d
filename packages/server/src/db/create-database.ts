import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { openPglite } from './open-pglite.js';
import { PGliteDialect } from './pglite-dialect.js';
import { prepareAppRole } from './app-role.js';
import { TenantScope } from './tenant-scope.js';
import { OneSchemaDialect } from './one-schema-dialect.js';
import { TenantScopedDialect } from './tenant-scoped-dialect.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /**
   * An embedded PGlite opened by the caller (when no databaseUrl is configured), e.g. one loaded
   * from a data directory dump; it is still migrated to the latest schema, then owned by the handle.
   */
  pglite?: PGlite;
}

// Timestamps, bigints and numerics come back as JS values the API can use directly.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens the configured backend — PostgreSQL when a URL is given, otherwise
 * embedded PGlite (on disk, or in memory when dataDir is null) — brings the
 * schema up to date, and leaves the app querying under row-level security:
 * every query runs in its caller's TenantScope, as a role the policies bind.
 */
export async function createDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>,
  options: CreateDatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const schema = config.databaseSchema;
    // TCP keepalives both ways. A node that vanishes without closing its sockets (host crash, network partition;
    // kill -9 does close them) would otherwise keep its sessions — and a conversation's turn lock — until the
    // kernel's default of two hours; PostgreSQL now drops them after ~25 s of silence (10 s idle, 3 probes 5 s
    // apart), and the node notices a database that vanished the same way instead of waiting on it forever.
    const connection = {
      connectionString: config.databaseUrl,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      options: `-c search_path="${schema}" -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3`,
    };
    if (schema !== 'public') {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    // Migrations run as the login (the tables' owner) on a connection of their own, so no
    // session of the app's pool ever keeps the owner's rights.
    const owner = scopedKysely(new PostgresDialect({ pool: new pg.Pool({ ...connection, max: 1 }) }), schema);
    let appRole: string | null;
    try {
      await migrateToLatest(owner, schema);
      appRole = await prepareAppRole(owner, schema);
    } finally {
      await owner.destroy();
    }
    const pool = new pg.Pool({ ...connection, max: 10 });
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // Nor may a checked-out one between queries (a transaction, a turn lock) when PostgreSQL terminates it: the pool
    // listens only while a client is idle. Its next query fails, and the pool drops it on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const setRole = appRole ? CompiledQuery.raw(`set role "${appRole}"`) : null;
    const db = scopedKysely(new PostgresDialect({ pool, ...(setRole ? { onCreateConnection: async (conn) => void (await conn.executeQuery(setRole)) } : {}) }), schema);
    return {
      db,
      backend: 'postgres',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }
  const pglite = options.pglite ?? (await openPglite(config.dataDir));
  await pglite.waitReady;
  const db = scopedKysely(new PGliteDialect(pglite), 'public');
  // PGlite is one session, logged in as the superuser `postgres`: it migrates, then becomes the app's role for good.
  await migrateToLatest(db, 'public');
  const appRole = await prepareAppRole(db, 'public');
  if (appRole) await sql`set role ${sql.id(appRole)}`.execute(db);
  return {
    db,
    backend: 'pglite',
    ping: async () => void (await sql`select 1`.execute(db)),
    close: () => db.destroy(),
  };
}

function scopedKysely(dialect: Dialect, schema: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new TenantScopedDialect(new OneSchemaDialect(dialect, schema)) });
}

async function migrateToLatest(db: Kysely<Database>, schema: string): Promise<void> {
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
    // Numbers are handed out to parallel branches, so a lower one can land after a higher one has run
    // (0036 after 0037): it must still run on databases that already have the higher one.
    allowUnorderedMigrations: true,
  });
  // A migration that moves data moves every tenant's.
  const { error } = await TenantScope.asSystem(() => migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
