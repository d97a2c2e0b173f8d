import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { TenantScope } from '../tenant-scope.js';
import { createDatabase } from '../create-database.js';
import { PGliteDialect } from '../pglite-dialect.js';
import { migrations } from './index.js';

const TENANT = '00000000-0000-4000-8000-000000000035';
const THIS = '0035-drop-demo-enterprise';

// A server that ran the in-process demo enterprise has its tables and pending `demo.after_sales` jobs, and has
// run every later migration (0037 landed first): the next start must drop the tables and the demo jobs, and
// nothing else.
describe('migration 0035-drop-demo-enterprise', () => {
  it('drops the demo tables and the demo jobs on a database that already ran the later migrations', async () => {
    const pglite = new PGlite();
    await pglite.waitReady;
    const raw = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== THIS));
    const old = new Migrator({ db: raw, provider: { getMigrations: async () => before } });
    expect((await old.migrateToLatest()).error).toBeUndefined();
    await sql`insert into tenants (id, slug, name, industry) values (${TENANT}, 'm35', 'm35', 'ecommerce')`.execute(raw);
    await sql`insert into demo_orders (tenant_id, order_no, product_id, item_summary, amount_cents, status, address, ordered_at)
      values (${TENANT}, '20261118883301', 'P1', '华为 Mate 60', 599900, 'delivered', '上海', now())`.execute(raw);
    await sql`insert into jobs (id, tenant_id, kind, run_at) values (gen_random_uuid(), ${TENANT}, 'demo.after_sales', now()), (gen_random_uuid(), ${TENANT}, 'kb.top_questions', now())`.execute(raw);
    expect(await demoTables(raw)).toContain('demo_orders');

    // The start path: createDatabase migrates to the latest, 0035 included although 0037 ran before it.
    const handle = await createDatabase({ databaseUrl: null, databaseSchema: 'public', dataDir: null }, { pglite });
    try {
      const db = handle.db as unknown as Kysely<unknown>;
      expect(await demoTables(db)).toEqual([]);
      const kinds = await TenantScope.asSystem(() => sql<{ kind: string }>`select kind from jobs order by kind`.execute(db));
      expect(kinds.rows.map((r) => r.kind)).toEqual(['kb.top_questions']);
      const ran = await sql<{ name: string }>`select name from kysely_migration where name = ${THIS}`.execute(db);
      expect(ran.rows).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });
});

async function demoTables(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name like 'demo\\_%' order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}
