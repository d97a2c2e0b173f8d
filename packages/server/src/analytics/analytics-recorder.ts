import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { chinaDayOf } from '../tickets/sla/business-calendar.js';
import { analyticsEventSchema, type AnalyticsEvent, type AnalyticsEventInput } from './analytics-event.js';
import { analyticsDatabase, type AnalyticsDatabase } from './analytics-schema.js';
import { maskProps } from './analytics-text-mask.js';
import { mergeIncrements, monthOf, rollupCellKey, rollupIncrements, type RollupIncrement } from './rollup-increments.js';

// Parameters per statement stay well under PostgreSQL's 65,535 (18 per event row, 10 per rollup row).
const EVENT_CHUNK = 1000;
const ROLLUP_CHUNK = 2000;

/**
 * Appends analytics events and adds them to the daily rollups in the same transaction, so the
 * rollups never disagree with the stream (no job to lag or fail between the two). Free text in
 * props is PII-masked before anything is written.
 * @example
 * await recorder.record(tenantId, [{ type: 'handoff.requested', occurredAt: new Date(), conversationId, outcome: 'anger' }]);
 */
export class AnalyticsRecorder {
  private readonly db: Kysely<AnalyticsDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = analyticsDatabase(db);
  }

  /** Records `events` of one tenant; pass `trx` to join the caller's transaction (then the caller's commit is the recording's). */
  record(tenantId: string, events: readonly AnalyticsEventInput[], trx?: Transaction<AnalyticsDatabase> | Kysely<AnalyticsDatabase>): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const parsed = events.map((e) => {
      const event = analyticsEventSchema.parse(e);
      return { ...event, props: maskProps(event.props) as Record<string, unknown> };
    });
    return TenantScope.asTenant(tenantId, () => (trx ? this.write(trx, tenantId, parsed) : this.db.transaction().execute((t) => this.write(t, tenantId, parsed))));
  }

  private async write(db: Kysely<AnalyticsDatabase>, tenantId: string, events: AnalyticsEvent[]): Promise<void> {
    const rows = events.map((e) => ({
      tenant_id: tenantId,
      id: randomUUID(),
      occurred_at: e.occurredAt,
      day: chinaDayOf(e.occurredAt),
      type: e.type,
      conversation_id: e.conversationId,
      visitor_key: e.visitorKey,
      channel: e.channel,
      template: e.template,
      intent: e.intent,
      flow: e.flow,
      step: e.step,
      faq_id: e.faqId,
      agent_id: e.agentId,
      group_id: e.groupId,
      outcome: e.outcome,
      value: e.value,
      props: JSON.stringify(e.props),
    }));
    for (let i = 0; i < rows.length; i += EVENT_CHUNK) await db.insertInto('analytics_events').values(rows.slice(i, i + EVENT_CHUNK)).execute();
    const cells = mergeIncrements(events.flatMap((e, i) => rollupIncrements(e, rows[i]!.day)));
    await addToRollups(db, tenantId, [...cells.values()]);
  }
}

/**
 * Upserts increments into analytics_daily and the same sums into analytics_monthly (each cell
 * once per statement), so the monthly cells always equal the sum of their days'.
 */
export async function addToRollups(db: Kysely<AnalyticsDatabase>, tenantId: string, cells: readonly RollupIncrement[]): Promise<void> {
  await addToDaily(db, tenantId, cells);
  await addToMonthly(db, tenantId, [...mergeIncrements(cells.map((c) => ({ ...c, day: monthOf(c.day) }))).values()]);
}

// A stable order keeps concurrent recorders from deadlocking on the same cells.
const byCell = (a: RollupIncrement, b: RollupIncrement) => (rollupCellKey(a) < rollupCellKey(b) ? -1 : 1);

/** Upserts increments into analytics_daily only (the rebuild recomputes the months afterwards). */
export async function addToDaily(db: Kysely<AnalyticsDatabase>, tenantId: string, cells: readonly RollupIncrement[]): Promise<void> {
  const sorted = [...cells].sort(byCell);
  for (let i = 0; i < sorted.length; i += ROLLUP_CHUNK) {
    const chunk = sorted.slice(i, i + ROLLUP_CHUNK);
    await db
      .insertInto('analytics_daily')
      .values(chunk.map((c) => ({ tenant_id: tenantId, day: c.day, channel: c.channel, template: c.template, group_key: c.groupKey, dim_kind: c.dimKind, dim_key: c.dimKey, metric: c.metric, count: c.count, total: c.total })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'day', 'metric', 'dim_kind', 'dim_key', 'channel', 'template', 'group_key']).doUpdateSet({
          count: sql`analytics_daily.count + excluded.count`,
          total: sql`analytics_daily.total + excluded.total`,
        }),
      )
      .execute();
  }
}

/** `cells` carry the month's first day in `day`. */
async function addToMonthly(db: Kysely<AnalyticsDatabase>, tenantId: string, cells: readonly RollupIncrement[]): Promise<void> {
  const sorted = [...cells].sort(byCell);
  for (let i = 0; i < sorted.length; i += ROLLUP_CHUNK) {
    const chunk = sorted.slice(i, i + ROLLUP_CHUNK);
    await db
      .insertInto('analytics_monthly')
      .values(chunk.map((c) => ({ tenant_id: tenantId, month: c.day, channel: c.channel, template: c.template, group_key: c.groupKey, dim_kind: c.dimKind, dim_key: c.dimKey, metric: c.metric, count: c.count, total: c.total })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'dim_kind', 'month', 'metric', 'dim_key', 'channel', 'template', 'group_key']).doUpdateSet({
          count: sql`analytics_monthly.count + excluded.count`,
          total: sql`analytics_monthly.total + excluded.total`,
        }),
      )
      .execute();
  }
}
