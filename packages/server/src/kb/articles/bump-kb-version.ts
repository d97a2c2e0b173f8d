import type { Kysely } from 'kysely';
import type { KbDatabase } from './kb-database.js';

/** Bumps the tenant's kb_version inside the caller's transaction, so search caches and bot models rebuild. */
export async function bumpKbVersion(trx: Kysely<KbDatabase>, tenantId: string): Promise<void> {
  await trx.updateTable('tenants').set((eb) => ({ kb_version: eb('kb_version', '+', 1) })).where('id', '=', tenantId).execute();
}
