import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_BUSINESS_CALENDAR } from './sla/business-calendar.js';
import { workingDayMinutes } from './sla/working-day-minutes.js';
import type { TicketDatabase } from './ticket-schema.js';

/** The staff-only category of 回访 tickets (a low satisfaction rating followed up by a supervisor); customers never file it. */
export const FOLLOW_UP_CATEGORY_KEY = 'follow_up';

/**
 * The tenant's 回访 category and its SLA policy, created on first use: the policy comes first
 * (position −1) and gives the resolution clock one working day of the tenant's default calendar
 * (`workingDayMinutes`), so a follow-up is due within 24 hours on the work calendar — the same time
 * of day on the next working day. An admin can edit the policy like any other (工单设置 → SLA 策略).
 * Safe to race: categories are unique per tenant and key; a second policy is not added once one names the key.
 */
export async function ensureFollowUpCategory(db: Kysely<TicketDatabase>, tenantId: string): Promise<{ id: string }> {
  const existing = await db.selectFrom('ticket_categories').select('id').where('tenant_id', '=', tenantId).where('key', '=', FOLLOW_UP_CATEGORY_KEY).executeTakeFirst();
  if (existing) return existing;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ticket_categories')
      .values({
        id: randomUUID(),
        tenant_id: tenantId,
        key: FOLLOW_UP_CATEGORY_KEY,
        name: '回访',
        description: '低分评价的回访：了解原因、补救并记录结果（系统创建）',
        default_priority: 'P2',
        position: 1000,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .execute();
    const hasPolicy = await trx
      .selectFrom('sla_policies')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where(sql<boolean>`category_keys @> ${JSON.stringify([FOLLOW_UP_CATEGORY_KEY])}::jsonb`)
      .executeTakeFirst();
    if (!hasPolicy) {
      const calendar = await trx.selectFrom('business_calendars').select('weekly_hours').where('tenant_id', '=', tenantId).where('is_default', '=', true).executeTakeFirst();
      const minutes = workingDayMinutes(calendar?.weekly_hours ?? DEFAULT_BUSINESS_CALENDAR.weeklyHours) || 450;
      await trx
        .insertInto('sla_policies')
        .values({
          id: randomUUID(),
          tenant_id: tenantId,
          name: '回访（1 个工作日内）',
          position: -1,
          category_keys: JSON.stringify([FOLLOW_UP_CATEGORY_KEY]),
          first_response_minutes: null,
          next_response_minutes: null,
          resolution_minutes: minutes,
        })
        .execute();
    }
    return (await trx.selectFrom('ticket_categories').select('id').where('tenant_id', '=', tenantId).where('key', '=', FOLLOW_UP_CATEGORY_KEY).executeTakeFirstOrThrow());
  });
}
