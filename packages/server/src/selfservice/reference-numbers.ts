import { sql } from 'kysely';
import { chinaDay } from './china-calendar.js';
import type { SelfServiceDb } from './self-service-db.js';

/**
 * Issues the reference numbers customers quote later: prefix + CST date + a
 * per-tenant daily counter, e.g. `RMA202611250001`. The counter is one atomic
 * upsert, so concurrent requests never get the same number.
 */
export async function nextReference(db: SelfServiceDb, tenantId: string, prefix: string, now: Date): Promise<string> {
  const day = chinaDay(now).replace(/-/g, '');
  const row = await db
    .insertInto('selfservice_sequences')
    .values({ tenant_id: tenantId, prefix, day, value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'prefix', 'day']).doUpdateSet({ value: sql<number>`selfservice_sequences.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${prefix}${day}${String(row.value).padStart(4, '0')}`;
}
