import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsEvent, AnalyticsEventType } from './analytics-event.js';
import { addToDaily } from './analytics-recorder.js';
import { analyticsDatabase, type AnalyticsDatabase, type AnalyticsEventsTable } from './analytics-schema.js';
import { mergeIncrements, monthOf, rollupIncrements } from './rollup-increments.js';

const PAGE = 5000;

/**
 * Recomputes a tenant's daily rollups for a day range from the raw events, and the monthly
 * rollups of the months it touches from their days, in one transaction
 * (readers see the old rollups until it commits). Events are read in pages by (day, id), so a
 * range of any size runs in bounded memory. Used by `zhida analytics rebuild` and after a
 * change to the rollup definition.
 */
export class AnalyticsRollupRebuild {
  private readonly db: Kysely<AnalyticsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = analyticsDatabase(db);
  }

  /** `from`/`to` are Asia/Shanghai days (`YYYY-MM-DD`, inclusive); returns the events read and rollup cells written. */
  rebuild(tenantId: string, from: string, to: string): Promise<{ events: number; cells: number }> {
    return TenantScope.asTenant(tenantId, () =>
      this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('analytics_daily').where('tenant_id', '=', tenantId).where('day', '>=', from).where('day', '<=', to).execute();
        let events = 0;
        let cells = 0;
        let after: { day: string; id: string } | null = null;
        for (;;) {
          let q = trx
            .selectFrom('analytics_events')
            .select(['id', sql<string>`day::text`.as('day_text'), 'type', 'occurred_at', 'conversation_id', 'visitor_key', 'channel', 'template', 'intent', 'flow', 'step', 'faq_id', 'agent_id', 'group_id', 'outcome', 'value', 'props'])
            .where('tenant_id', '=', tenantId)
            .where('day', '>=', from)
            .where('day', '<=', to);
          if (after) {
            const cursor: { day: string; id: string } = after;
            q = q.where((eb) => eb.or([eb('day', '>', cursor.day), eb.and([eb('day', '=', cursor.day), eb('id', '>', cursor.id)])]));
          }
          const rows = await q.orderBy('day').orderBy('id').limit(PAGE).execute();
          if (rows.length === 0) break;
          const merged = mergeIncrements(rows.flatMap((r) => rollupIncrements(eventOfRow(r), r.day_text)));
          await addToDaily(trx, tenantId, [...merged.values()]);
          events += rows.length;
          cells += merged.size;
          const last = rows[rows.length - 1]!;
          after = { day: last.day_text, id: last.id };
          if (rows.length < PAGE) break;
        }
        // The months the range touches are summed again from their days (the days outside the
        // range were not rebuilt but are part of those months).
        const firstMonth = monthOf(from);
        const lastMonth = monthOf(to);
        await trx.deleteFrom('analytics_monthly').where('tenant_id', '=', tenantId).where('month', '>=', firstMonth).where('month', '<=', lastMonth).execute();
        await sql`insert into analytics_monthly (tenant_id, month, channel, template, group_key, dim_kind, dim_key, metric, count, total)
          select tenant_id, date_trunc('month', day)::date, channel, template, group_key, dim_kind, dim_key, metric, sum(count), sum(total)
          from analytics_daily
          where tenant_id = ${tenantId} and day >= ${firstMonth} and day < (${lastMonth}::date + interval '1 month')
          group by tenant_id, date_trunc('month', day)::date, channel, template, group_key, dim_kind, dim_key, metric`.execute(trx);
        return { events, cells };
      }),
    );
  }
}

function eventOfRow(
  r: Pick<Selectable<AnalyticsEventsTable>, 'type' | 'occurred_at' | 'conversation_id' | 'visitor_key' | 'channel' | 'template' | 'intent' | 'flow' | 'step' | 'faq_id' | 'agent_id' | 'group_id' | 'outcome' | 'value' | 'props'>,
): AnalyticsEvent {
  return {
    type: r.type as AnalyticsEventType,
    occurredAt: new Date(r.occurred_at),
    conversationId: r.conversation_id,
    visitorKey: r.visitor_key,
    channel: r.channel,
    template: r.template,
    intent: r.intent,
    flow: r.flow,
    step: r.step,
    faqId: r.faq_id,
    agentId: r.agent_id,
    groupId: r.group_id,
    outcome: r.outcome,
    value: r.value === null ? null : Number(r.value),
    props: r.props,
  };
}
