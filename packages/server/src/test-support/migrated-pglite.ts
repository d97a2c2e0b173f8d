import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { AppConfig } from '../config/config.js';
import { createDatabase, type DatabaseHandle } from '../db/create-database.js';
import { migrations } from '../db/migrations/index.js';

/**
 * Test databases on PGlite start from a data directory that was migrated once, instead of running
 * initdb and every migration again for each app: on this 2-core CI machine that was most of an
 * integration test file's setup. The dump is keyed by the migrations' names and sources and the
 * PGlite version, so adding or editing a migration makes a new one; it is kept in memory per test
 * worker and on disk (os.tmpdir) across workers and runs. The migrations still run from empty on
 * PGlite (building the dump, and every file that opens PGlite itself) and on PostgreSQL (each
 * TestApp), so a broken migration still fails the suite.
 */
export async function openMigratedPglite(): Promise<PGlite> {
  return PGlite.create({ loadDataDir: await migratedDump() });
}

/** The database a test asked for: in-memory PGlite comes from the migrated dump, anything else as createDatabase opens it. */
export async function createTestDatabase(config: Pick<AppConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<DatabaseHandle> {
  if (config.databaseUrl || config.dataDir) return createDatabase(config);
  return createDatabase(config, { pglite: await openMigratedPglite() });
}

let dump: Promise<Blob> | null = null;

function migratedDump(): Promise<Blob> {
  dump ??= loadOrBuildDump().catch((err: unknown) => {
    dump = null;
    throw err;
  });
  return dump;
}

async function loadOrBuildDump(): Promise<Blob> {
  const dir = join(tmpdir(), 'zhida-test-cache');
  const file = join(dir, `pglite-migrated-${cacheKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // Not built yet by this run or an earlier one.
  }
  const fresh = new PGlite();
  // The same path production takes on an empty data directory: every migration, then the app role.
  const handle = await createDatabase({ databaseUrl: null, databaseSchema: 'public', dataDir: null }, { pglite: fresh });
  let blob: Blob;
  try {
    blob = await fresh.dumpDataDir('none');
  } finally {
    await handle.close();
  }
  // Written whole under a unique name, then renamed: a worker reading it never sees half a file.
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
  return blob;
}

function cacheKey(): string {
  const hash = createHash('sha256');
  // The package does not export its package.json; it sits beside dist/.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update((JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as { version: string }).version);
  hash.update(Object.keys(migrations).join('\n'));
  const migrationsDir = fileURLToPath(new URL('../db/migrations/', import.meta.url));
  for (const name of readdirSync(migrationsDir).sort()) {
    if (name.endsWith('.test.ts')) continue;
    hash.update(name).update(readFileSync(join(migrationsDir, name)));
  }
  // What the migrations run on: the migrator and the app-role grants.
  for (const name of ['create-database.ts', 'app-role.ts']) hash.update(readFileSync(fileURLToPath(new URL(`../db/${name}`, import.meta.url))));
  return hash.digest('hex').slice(0, 16);
}
