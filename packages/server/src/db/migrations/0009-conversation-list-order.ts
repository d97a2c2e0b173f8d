import { sql, type Kysely } from 'kysely';

// The conversation list pages by `(updated_at desc, id desc)` with a keyset cursor; an index in exactly
// that order lets each page start where the last one ended instead of sorting the tenant's rows again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index conversations_tenant_list_order on conversations (tenant_id, updated_at desc, id desc)`.execute(db);
  await sql`drop index if exists conversations_tenant_updated`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists conversations_tenant_updated on conversations (tenant_id, updated_at)`.execute(db);
  await sql`drop index if exists conversations_tenant_list_order`.execute(db);
}
