import { sql, type Kysely } from 'kysely';

// The sites allowed to embed a tenant's widget: normalised `scheme://host[:port]`
// entries, optionally `https://*.example.com`. An array on the tenant row rather than
// a table because it is always read and written whole, with the tenant, and stays
// small (the API caps it at 50). Empty means only the platform's own pages.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tenants add column widget_allowed_origins text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tenants drop column if exists widget_allowed_origins`.execute(db);
}
