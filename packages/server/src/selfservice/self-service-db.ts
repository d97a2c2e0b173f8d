import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SelfServiceTables } from './selfservice-schema.js';

/** The database as this module sees it: the core tables plus its own. */
export type SelfServiceDb = Kysely<Database & SelfServiceTables>;

/** Widens the app's handle to include the self-service tables (until schema.ts merges them). */
export function asSelfServiceDb(db: Kysely<Database>): SelfServiceDb {
  return db as unknown as SelfServiceDb;
}
