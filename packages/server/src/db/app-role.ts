import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The plain role the app's sessions switch to when they connect as a role that skips row-level security. */
export const APP_ROLE = 'zhida_app';

/**
 * Prepares the role the app queries as, after migrations. A superuser or
 * BYPASSRLS login (embedded PGlite, a stock PostgreSQL) would skip every
 * policy, so the app must `set role` to a plain role: this creates it once per
 * cluster, and grants it the tables of `schema` (again on every start, as
 * migrations add tables). Returns the role to set, or null when the login is
 * an ordinary role already bound by the FORCEd policies (a managed database),
 * which then needs no CREATEROLE.
 */
export async function prepareAppRole(db: Kysely<Database>, schema: string): Promise<string | null> {
  const { rows } = await sql<{ bypass: boolean; superuser: boolean }>`
    select rolsuper or rolbypassrls as bypass, rolsuper as superuser from pg_roles where rolname = current_user`.execute(db);
  const login = rows[0];
  if (!login?.bypass) return null;
  await db.transaction().execute(async (trx) => {
    // Cluster-wide, and nodes (or test runs) may start at once: one at a time creates the role and grants.
    await sql`select pg_advisory_xact_lock(hashtext(${APP_ROLE}))`.execute(trx);
    await sql`do $$ begin
        if not exists (select from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
          create role ${sql.id(APP_ROLE)} nologin;
        end if;
      end $$`.execute(trx);
    // A superuser may set any role; another login must be a member of it.
    if (!login.superuser) await sql`grant ${sql.id(APP_ROLE)} to current_user`.execute(trx);
    // Data rights only: no TRUNCATE, which row-level security does not filter.
    await sql`grant usage on schema ${sql.id(schema)} to ${sql.id(APP_ROLE)}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema ${sql.id(schema)} to ${sql.id(APP_ROLE)}`.execute(trx);
    await sql`grant usage, select, update on all sequences in schema ${sql.id(schema)} to ${sql.id(APP_ROLE)}`.execute(trx);
  });
  return APP_ROLE;
}
