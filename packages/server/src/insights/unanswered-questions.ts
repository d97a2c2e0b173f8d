import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

/** Below this intent confidence an answered or clarified turn still counts as a question the bot did not really know. */
export const LOW_CONFIDENCE = 0.6;
const MAX_QUESTIONS = 5000;

/**
 * The visitor questions the bot could not answer well since `since`: those its
 * reply marked `meta.kind = 'fallback'`, or answered/clarified with
 * `meta.record.confidence` below {@link LOW_CONFIDENCE}. The question is the
 * visitor message the reply points to with `meta.replyTo`. Slot answers,
 * actions and handoff requests are not knowledge questions and are left out.
 */
export async function unansweredQuestions(db: Kysely<Database>, ctx: TenantContext, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('messages as b')
    .innerJoin('messages as v', (j) => j.onRef('v.tenant_id', '=', 'b.tenant_id').on(sql`v.id::text`, '=', sql`b.meta->>'replyTo'`))
    .select(['v.id', 'v.text'])
    .where('b.tenant_id', '=', ctx.tenantId)
    .where('b.sender_type', '=', 'bot')
    .where('v.sender_type', '=', 'visitor')
    .where('b.created_at', '>=', since)
    .where((eb) =>
      eb.or([
        eb(sql`b.meta->>'kind'`, '=', 'fallback'),
        eb.and([eb(sql`b.meta->>'kind'`, 'in', ['answered', 'clarified']), eb(sql`(b.meta->'record'->>'confidence')::float8`, '<', LOW_CONFIDENCE)]),
      ]),
    )
    .groupBy(['v.id', 'v.text'])
    .orderBy(sql`max(b.created_at)`, 'desc')
    .limit(MAX_QUESTIONS)
    .execute();
  return rows.map((r) => r.text);
}
