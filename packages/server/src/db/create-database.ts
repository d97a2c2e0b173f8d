import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Timestamps, bigints and numerics come back as JS values the API can use directly.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens the configured backend — PostgreSQL when a URL is given, otherwise
 * embedded PGlite (on disk, or in memory when dataDir is null) — and brings
 * the schema up to date.
 */
export async function createDatabase(config: Pick<AppConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (config.databaseUrl) {
    const schema = config.databaseSchema;
    if (schema !== 'public') {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5000,
      options: `-c search_path="${schema}"`,
    });
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    handle = {
      db,
      backend: 'postgres',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  } else {
    if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
    const pglite = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
    await pglite.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    handle = {
      db,
      backend: 'pglite',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }
  await migrateToLatest(handle.db, config.databaseUrl ? config.databaseSchema : 'public');
  return handle;
}

async function migrateToLatest(db: Kysely<Database>, schema: string): Promise<void> {
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
