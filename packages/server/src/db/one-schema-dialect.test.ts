import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './create-database.js';
import { OneSchemaDialect } from './one-schema-dialect.js';
import { dropTestSchema, TEST_DATABASE_URL, testBackends } from '../test-support/test-backends.js';

// A CI run failed with `schema "sla_…" does not exist` while a test migrated its own schema: Kysely's
// introspector read every schema of the database as another test dropped one.
describe.runIf((await testBackends()).includes('postgres'))('migrating one schema beside others (postgres)', () => {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const churnPrefix = `churn_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  let handle: DatabaseHandle | undefined;

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await handle?.close();
    await dropTestSchema(schema);
    const { rows } = await admin.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like $1`, [`${churnPrefix}%`]);
    for (const r of rows) await dropTestSchema(r.nspname);
    await admin.end();
  });

  it('migrates while other schemas are created and dropped, and its migrator sees only its own schema', async () => {
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const other = `${churnPrefix}_${i}`;
        await admin.query(`create schema "${other}"; create table "${other}".t (id serial primary key, v text)`);
        await admin.query(`drop schema "${other}" cascade`);
      }
    })();
    // As the migrator does: logged in as the tables' owner (here a superuser, who may read every schema).
    const owner = new Kysely<unknown>({ dialect: new OneSchemaDialect(new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path="${schema}"` }) }), schema) });
    try {
      handle = await createDatabase({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir: null });
      for (let i = 0; i < 20; i++) await owner.introspection.getTables({ withInternalKyselyTables: true });
    } finally {
      churning = false;
      await churn;
    }
    const tables = await owner.introspection.getTables({ withInternalKyselyTables: true });
    await owner.destroy();
    expect(tables.length).toBeGreaterThan(10);
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([schema]));
    expect(tables.map((t) => t.name)).toContain('kysely_migration');
    expect(tables.find((t) => t.name === 'tenants')?.columns.find((c) => c.name === 'id')).toMatchObject({ isNullable: false, dataType: 'uuid' });
    expect((await handle.db.introspection.getTables()).map((t) => t.name)).not.toContain('kysely_migration');
  });
});
