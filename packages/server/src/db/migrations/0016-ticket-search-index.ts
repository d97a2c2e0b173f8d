import { sql, type Kysely } from 'kysely';

// The ticket search box looked every token up with position() in search_text, reading every ticket
// of the tenant. `search_text` is ` token token … `: as an array it takes a plain GIN index
// (array_ops, built in on PostgreSQL and PGlite alike, no extension), which finds the tickets holding
// all tokens of a query (`@>`) without reading the others. The expression is spelled exactly as
// TicketRepository queries it, or the planner cannot use the index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tickets_search_tokens on tickets using gin (string_to_array(search_text, ' '))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists tickets_search_tokens`.execute(db);
}
