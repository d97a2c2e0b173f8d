import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { KbTables } from './kb-schema.js';

/** The database seen by the KB article, search and insights modules until `KbTables` is merged into `Database`. */
export type KbDatabase = Database & KbTables;

/** Widens the app's Kysely handle to the KB tables (they are created by migration 0004). */
export function kbDatabase(db: Kysely<Database>): Kysely<KbDatabase> {
  return db as unknown as Kysely<KbDatabase>;
}
