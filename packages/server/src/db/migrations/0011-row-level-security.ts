import { sql, type Kysely } from 'kysely';

// Row-level security on every tenant-owned table: a second wall behind the
// `where tenant_id = …` each repository writes by hand. A session sees (and
// may write) the rows of the tenant in `zhida.tenant_id`, or every row when
// `zhida.all_tenants` is 'on'; with neither set it sees none. The app sets both
// per connection from its TenantScope (db/tenant-scoped-dialect.ts).
// FORCE makes the policies apply to the tables' owner as well; superusers and
// BYPASSRLS roles still skip them, so the app switches to a plain role after
// migrating (db/app-role.ts).
// The tables are found from the catalogue, not listed, so none is forgotten;
// a table added later needs its own policy (rls-policies.test.ts checks it).
// Both settings are read with missing_ok, and '' never reaches the uuid cast.
const ALLOWED = sql`current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid`;

async function tenantTables(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of await tenantTables(db)) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy tenant_isolation on ${sql.table(table)} using (${ALLOWED}) with check (${ALLOWED})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of await tenantTables(db)) {
    await sql`drop policy if exists tenant_isolation on ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} no force row level security`.execute(db);
    await sql`alter table ${sql.table(table)} disable row level security`.execute(db);
  }
}
