import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns are written as `YYYY-MM-DD` and read back as text by both backends (see analyticsDay). */
type DayColumn = ColumnType<string | Date, string, string>;
/** numeric and bigint come back as strings from node-postgres; callers convert with Number(). */
type Numeric = ColumnType<string | number, number | string, number | string>;
type NullableNumeric = ColumnType<string | number | null, number | string | null | undefined, number | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** One analytics event (migration 0018); append-only. */
export interface AnalyticsEventsTable {
  tenant_id: string;
  id: string;
  occurred_at: Timestamp;
  /** The Asia/Shanghai day of occurred_at: the rollup's day. */
  day: DayColumn;
  type: string;
  conversation_id: string | null;
  visitor_key: string | null;
  channel: string;
  template: string;
  intent: string | null;
  flow: string | null;
  step: string | null;
  faq_id: string | null;
  agent_id: string | null;
  group_id: string | null;
  outcome: string | null;
  value: NullableNumeric;
  props: Json<Record<string, unknown>>;
}

/** Counts and sums per tenant × day × scope (channel, template, group) × dimension × metric. */
export interface AnalyticsDailyTable {
  tenant_id: string;
  day: DayColumn;
  channel: string;
  template: string;
  /** The group's id, '' for none. */
  group_key: string;
  dim_kind: string;
  dim_key: string;
  metric: string;
  count: Numeric;
  total: Numeric;
}

/** The same cells per calendar month (migration 0027): `month` is the month's first day; the sum of its days' cells. */
export interface AnalyticsMonthlyTable {
  tenant_id: string;
  month: DayColumn;
  channel: string;
  template: string;
  group_key: string;
  dim_kind: string;
  dim_key: string;
  metric: string;
  count: Numeric;
  total: Numeric;
}

/** What the recorder knows about one conversation so far (lifecycle → measures); one row each. */
export interface AnalyticsConversationsTable {
  tenant_id: string;
  conversation_id: string;
  started_at: Timestamp;
  day: DayColumn;
  visitor_key: string | null;
  channel: string;
  template: string;
  group_id: string | null;
  agent_id: string | null;
  first_intent: string | null;
  last_intent: string | null;
  bot_turns: ColumnType<number, number | undefined, number>;
  visitor_messages: ColumnType<number, number | undefined, number>;
  last_activity_at: Timestamp;
  handoff_at: NullableTimestamp;
  handoff_reason: string | null;
  assigned_at: NullableTimestamp;
  wait_seconds: NullableNumeric;
  first_agent_reply_at: NullableTimestamp;
  first_response_business_seconds: NullableNumeric;
  ended_at: NullableTimestamp;
  resolution_business_seconds: NullableNumeric;
  outcome: string | null;
  rating: number | null;
}

/** Once-only markers: (subject, mark) is inserted when its event is recorded, so a retry records nothing twice. */
export interface AnalyticsMarksTable {
  tenant_id: string;
  subject_id: string;
  mark: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AnalyticsTables {
  analytics_marks: AnalyticsMarksTable;
  analytics_events: AnalyticsEventsTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_monthly: AnalyticsMonthlyTable;
  analytics_conversations: AnalyticsConversationsTable;
}

export type AnalyticsDatabase = Database & AnalyticsTables;

export function analyticsDatabase(db: Kysely<Database>): Kysely<AnalyticsDatabase> {
  return db as unknown as Kysely<AnalyticsDatabase>;
}

export type AnalyticsConversationRow = Selectable<AnalyticsConversationsTable>;

/** A `date` column's value as `YYYY-MM-DD`, whichever way the driver returned it. */
export function analyticsDay(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  // node-postgres builds a date at local midnight: read it back in local time.
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}
