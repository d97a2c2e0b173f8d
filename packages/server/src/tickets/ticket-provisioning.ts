import { randomUUID } from 'node:crypto';
import type { TicketCategory } from '@zhida/templates';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ticketDatabase, type TicketPriority, type WeeklyHours } from './ticket-schema.js';

/** China office hours with a lunch break, Monday to Friday. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = Object.fromEntries(
  (['1', '2', '3', '4', '5'] as const).map((day) => [day, [['09:00', '12:00'], ['13:30', '18:00']]]),
) as WeeklyHours;

/** First (and next) response targets in business minutes, by priority. */
export const FIRST_RESPONSE_MINUTES: Record<TicketPriority, number> = { P1: 30, P2: 60, P3: 120, P4: 240 };
const CATCH_ALL = { first: 120, resolution: 1440 };

/**
 * Gives a tenant its ticket set-up from its template's `ticket-categories.json`: a default business
 * calendar (follows China's holidays and 调休), one agent group per department, the categories with
 * their default group and priority, and SLA policies (one per category: resolution = its
 * `slaMinutes`, first/next response by priority; then a catch-all). Runs as the tenant; safe to run
 * again (what exists is kept).
 * @example await provisionTicketSetup(db, tenant.id, template.ticketCategories);
 */
export async function provisionTicketSetup(database: Kysely<Database>, tenantId: string, categories: readonly (TicketCategory & { examples?: string[] })[]): Promise<void> {
  const db = ticketDatabase(database);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('business_calendars')
      .values({ id: randomUUID(), tenant_id: tenantId, name: '工作日历', weekly_hours: JSON.stringify(DEFAULT_WEEKLY_HOURS), follow_china_holidays: true, is_default: true })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const departments = [...new Set(categories.map((c) => c.department))];
    if (departments.length > 0) {
      await trx
        .insertInto('agent_groups')
        .values(departments.map((name) => ({ id: randomUUID(), tenant_id: tenantId, name })))
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .execute();
    }
    const groups = new Map((await trx.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenantId).execute()).map((g) => [g.name, g.id]));
    if (categories.length > 0) {
      await trx
        .insertInto('ticket_categories')
        .values(
          categories.map((c, position) => ({
            id: randomUUID(),
            tenant_id: tenantId,
            key: c.id,
            name: c.name.zh,
            fields: JSON.stringify(c.fields ?? []),
            examples: JSON.stringify(c.examples ?? []),
            default_group_id: groups.get(c.department) ?? null,
            default_priority: c.priority,
            position,
          })),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .execute();
    }
    const hasPolicies = await trx.selectFrom('sla_policies').select('id').where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!hasPolicies) {
      const policies = categories.map((c, position) => ({
        id: randomUUID(),
        tenant_id: tenantId,
        name: `${c.name.zh}（${c.priority}）`,
        position,
        category_keys: JSON.stringify([c.id]),
        first_response_minutes: FIRST_RESPONSE_MINUTES[c.priority],
        next_response_minutes: FIRST_RESPONSE_MINUTES[c.priority],
        resolution_minutes: c.slaMinutes,
      }));
      policies.push({
        id: randomUUID(),
        tenant_id: tenantId,
        name: '默认',
        position: categories.length,
        category_keys: JSON.stringify([]),
        first_response_minutes: CATCH_ALL.first,
        next_response_minutes: CATCH_ALL.first,
        resolution_minutes: CATCH_ALL.resolution,
      });
      await trx.insertInto('sla_policies').values(policies).execute();
    }
  });
}
