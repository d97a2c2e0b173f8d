import { sql, type Kysely } from 'kysely';

// The ticket search box looked every token up with position() in search_text, reading every ticket
// of the tenant. A GIN or full-text index cannot help here: under the row-level security of every
// tenant table, PostgreSQL evaluates the policy before any non-leakproof operator of the query, so
// `@>`, `@@` or trigram matches never become index conditions. Text equality is leakproof: one row
// per (ticket, token) with a btree on (tenant_id, token) finds a token's tickets directly.
// The tokens are the ones of search_text (written with it, TicketService.create), so old tickets
// are backfilled from that column.
const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table ticket_search_tokens (
    tenant_id uuid not null references tenants(id) on delete cascade,
    ticket_id uuid not null references tickets(id) on delete cascade,
    token text not null,
    primary key (tenant_id, token, ticket_id))`.execute(db);
  await sql`create index ticket_search_tokens_ticket on ticket_search_tokens (ticket_id)`.execute(db);
  await sql`insert into ticket_search_tokens (tenant_id, ticket_id, token)
    select distinct t.tenant_id, t.id, w.token from tickets t, unnest(string_to_array(btrim(t.search_text), ' ')) as w(token)
    where w.token <> ''`.execute(db);
  await sql`alter table ticket_search_tokens enable row level security`.execute(db);
  await sql`alter table ticket_search_tokens force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ticket_search_tokens using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ticket_search_tokens`.execute(db);
}
