import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';

const WINDOW_DAYS = 30;
const TTL_MS = 10 * 60 * 1000;
const DAY_MS = 86_400_000;

/**
 * How often each intent was asked in a tenant over the last 30 days: the bot's turns that
 * recognised an intent, one per turn. Recounted at most every 10 minutes per tenant and node —
 * popularity moves slowly and this is a read every widget opening would otherwise pay.
 */
export class PopularIntents {
  private readonly cache = new Map<string, { at: number; counts: Map<string, number> }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => number = Date.now,
  ) {}

  async counts(ctx: TenantContext): Promise<Map<string, number>> {
    const now = this.clock();
    const cached = this.cache.get(ctx.tenantId);
    if (cached && now - cached.at < TTL_MS) return cached.counts;
    const rows = await this.db
      .selectFrom('messages')
      .select([sql<string>`meta -> 'record' ->> 'intent'`.as('intent'), sql<number>`count(*)::int`.as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('sender_type', '=', 'bot')
      .where('created_at', '>=', new Date(now - WINDOW_DAYS * DAY_MS))
      .where(sql<boolean>`meta -> 'record' ->> 'intent' is not null`)
      .where(sql<boolean>`meta ->> 'kind' <> 'slot_filled'`)
      .groupBy(sql`meta -> 'record' ->> 'intent'`)
      .execute();
    const counts = new Map(rows.map((r) => [r.intent, Number(r.n)]));
    this.cache.set(ctx.tenantId, { at: now, counts });
    return counts;
  }

  /** Forget a tenant's counts (tests, or after seeding history). */
  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
