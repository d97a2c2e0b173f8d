import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { chinaDayOf } from '../tickets/sla/business-calendar.js';
import { analyticsEventSchema, type AnalyticsEvent, type AnalyticsEventInput } from './analytics-event.js';
import { analyticsDatabase, type AnalyticsDatabase } from './analytics-schema.js';
import { maskProps } from './analytics-text-mask.js';
import { mergeIncrements, monthOf, rollupCellKey, rollupIncrements, type RollupIncrement } from './rollup-increments.js';

// Parameters per statement of the chunked path stay well under PostgreSQL's 65,535 (18 per event row, 10 per rollup row).
const EVENT_CHUNK = 1000;
const ROLLUP_CHUNK = 2000;

/** A data-modifying statement whose rows must exist for a recording to be written (e.g. the update of the facts the events were derived from). */
export type RecordingGuard = RawBuilder<unknown>;

/**
 * Appends analytics events and adds them to the daily and monthly rollups in one statement, so the
 * rollups never disagree with the stream (no job to lag or fail between the two) and a recording
 * costs one round trip (on PGlite each one is a parse, plan and execute in WebAssembly). Free text
 * in props is PII-masked before anything is written.
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
    const parsed = parseEvents(events);
    return TenantScope.asTenant(tenantId, async () => {
      // One statement is atomic by itself: a transaction only for batches beyond one statement's chunk.
      if (parsed.length <= EVENT_CHUNK) await recordingStatement(tenantId, parsed).execute(trx ?? this.db);
      else if (trx) await writeInChunks(trx, tenantId, parsed);
      else await this.db.transaction().execute((t) => writeInChunks(t, tenantId, parsed));
    });
  }

  /**
   * Records `events` in the same statement as `guard` (which runs first), and only if `guard` returned
   * a row: the guard's change and the events are written together or not at all. Returns whether they were.
   */
  recordGuarded(tenantId: string, events: readonly AnalyticsEventInput[], guard: RecordingGuard): Promise<boolean> {
    const parsed = parseEvents(events);
    if (parsed.length > EVENT_CHUNK) throw new RangeError(`recordGuarded takes at most ${EVENT_CHUNK} events`);
    return TenantScope.asTenant(tenantId, async () => {
      const { rows } = await recordingStatement(tenantId, parsed, guard).execute(this.db);
      return Number(rows[0]?.written ?? 0) > 0;
    });
  }
}

function parseEvents(events: readonly AnalyticsEventInput[]): AnalyticsEvent[] {
  return events.map((e) => {
    const event = analyticsEventSchema.parse(e);
    return { ...event, props: maskProps(event.props) as Record<string, unknown> };
  });
}

function eventRows(events: readonly AnalyticsEvent[]) {
  return events.map((e) => ({
    id: randomUUID(),
    occurred_at: e.occurredAt.toISOString(),
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
    props: e.props,
  }));
}

function rollupCells(events: readonly AnalyticsEvent[], rows: readonly { day: string }[]): { daily: RollupIncrement[]; monthly: RollupIncrement[] } {
  const daily = [...mergeIncrements(events.flatMap((e, i) => rollupIncrements(e, rows[i]!.day))).values()].sort(byCell);
  const monthly = [...mergeIncrements(daily.map((c) => ({ ...c, day: monthOf(c.day) }))).values()].sort(byCell);
  return { daily, monthly };
}

/** A rollup cell as jsonb_to_recordset reads it. */
const cellJson = (c: RollupIncrement) => ({ day: c.day, channel: c.channel, template: c.template, group_key: c.groupKey, dim_kind: c.dimKind, dim_key: c.dimKey, metric: c.metric, count: c.count, total: c.total });

/**
 * Events, daily and monthly cells as data-modifying CTEs of one statement. The rows travel as one
 * jsonb parameter per table (no parameter limit, one plan whatever the batch size). `WHERE`
 * before `ON CONFLICT` keeps PostgreSQL from reading the conflict clause as part of the FROM.
 */
function recordingStatement(tenantId: string, events: readonly AnalyticsEvent[], guard?: RecordingGuard) {
  const rows = eventRows(events);
  const { daily, monthly } = rollupCells(events, rows);
  const when = guard ? sql`where exists (select 1 from guard)` : sql`where true`;
  return sql<{ written: number }>`with ${guard ? sql`guard as (${guard}),` : sql``}
    events as (
      insert into analytics_events (tenant_id, id, occurred_at, day, type, conversation_id, visitor_key, channel, template, intent, flow, step, faq_id, agent_id, group_id, outcome, value, props)
      select ${tenantId}::uuid, r.id, r.occurred_at, r.day, r.type, r.conversation_id, r.visitor_key, r.channel, r.template, r.intent, r.flow, r.step, r.faq_id, r.agent_id, r.group_id, r.outcome, r.value, coalesce(r.props, '{}')
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, occurred_at timestamptz, day date, type text, conversation_id uuid, visitor_key text, channel text, template text, intent text, flow text, step text, faq_id text, agent_id uuid, group_id uuid, outcome text, value numeric, props jsonb)
      ${when}
    ),
    daily as (
      insert into analytics_daily (tenant_id, day, channel, template, group_key, dim_kind, dim_key, metric, count, total)
      select ${tenantId}::uuid, r.day, r.channel, r.template, r.group_key, r.dim_kind, r.dim_key, r.metric, r.count, r.total
      from jsonb_to_recordset(${JSON.stringify(daily.map(cellJson))}::jsonb) as r(day date, channel text, template text, group_key text, dim_kind text, dim_key text, metric text, count bigint, total numeric)
      ${when}
      on conflict (tenant_id, day, metric, dim_kind, dim_key, channel, template, group_key)
      do update set count = analytics_daily.count + excluded.count, total = analytics_daily.total + excluded.total
    ),
    monthly as (
      insert into analytics_monthly (tenant_id, month, channel, template, group_key, dim_kind, dim_key, metric, count, total)
      select ${tenantId}::uuid, r.day, r.channel, r.template, r.group_key, r.dim_kind, r.dim_key, r.metric, r.count, r.total
      from jsonb_to_recordset(${JSON.stringify(monthly.map(cellJson))}::jsonb) as r(day date, channel text, template text, group_key text, dim_kind text, dim_key text, metric text, count bigint, total numeric)
      ${when}
      on conflict (tenant_id, dim_kind, month, metric, dim_key, channel, template, group_key)
      do update set count = analytics_monthly.count + excluded.count, total = analytics_monthly.total + excluded.total
    )
    select ${guard ? sql`(select count(*) from guard)` : sql`1`}::int as written`;
}

/** A batch beyond one statement (a month of demo history): events in chunks, then the rollups, in the caller's transaction. */
async function writeInChunks(db: Kysely<AnalyticsDatabase>, tenantId: string, events: AnalyticsEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += EVENT_CHUNK) {
    const chunk = events.slice(i, i + EVENT_CHUNK);
    const rows = eventRows(chunk);
    await db.insertInto('analytics_events').values(rows.map((r) => ({ ...r, tenant_id: tenantId, props: JSON.stringify(r.props) }))).execute();
  }
  const days = events.map((e) => ({ day: chinaDayOf(e.occurredAt) }));
  const { daily } = rollupCells(events, days);
  await addToRollups(db, tenantId, daily);
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
