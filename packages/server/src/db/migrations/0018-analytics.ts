import { sql, type Kysely } from 'kysely';

// The analytics event stream (append-only), its daily rollups and the per-conversation facts the
// recorder keeps to turn lifecycle events into measures (wait, first response, outcome).
// Rollups are keyed by the filter scope the dashboard offers (channel, template, group) and by a
// dimension (kind + key), so a dashboard request sums a few thousand rollup rows instead of
// scanning events. Comparisons used in the dashboard's WHERE (uuid/text/date equality and ranges)
// are leakproof, so the btree indexes stay usable under row-level security.
const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

async function protect(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table analytics_events (
    tenant_id uuid not null references tenants(id) on delete cascade,
    id uuid not null,
    occurred_at timestamptz not null,
    day date not null,
    type text not null,
    conversation_id uuid,
    visitor_key text,
    channel text not null default '',
    template text not null default '',
    intent text,
    flow text,
    step text,
    faq_id text,
    agent_id uuid,
    group_id uuid,
    outcome text,
    value numeric,
    props jsonb not null default '{}',
    primary key (tenant_id, id))`.execute(db);
  await sql`create index analytics_events_day on analytics_events (tenant_id, day, occurred_at)`.execute(db);
  await sql`create index analytics_events_conversation on analytics_events (tenant_id, conversation_id)`.execute(db);
  // The dashboard's "recent comments": the newest ratings without walking the rest of the stream.
  await sql`create index analytics_events_ratings on analytics_events (tenant_id, occurred_at) where type = 'rating.submitted'`.execute(db);
  // Nobody edits history: only the rebuild path (which rewrites rollups, never events) and tenant deletion remove rows.
  await sql`create or replace function analytics_events_append_only() returns trigger language plpgsql as $$
    begin raise exception 'analytics_events is append-only'; end $$`.execute(db);
  await sql`create trigger analytics_events_no_update before update on analytics_events for each row execute function analytics_events_append_only()`.execute(db);

  await sql`create table analytics_daily (
    tenant_id uuid not null references tenants(id) on delete cascade,
    day date not null,
    channel text not null,
    template text not null,
    group_key text not null,
    dim_kind text not null,
    dim_key text not null,
    metric text not null,
    count bigint not null,
    total numeric not null,
    primary key (tenant_id, day, metric, dim_kind, dim_key, channel, template, group_key))`.execute(db);

  await sql`create table analytics_conversations (
    tenant_id uuid not null references tenants(id) on delete cascade,
    conversation_id uuid not null,
    started_at timestamptz not null,
    day date not null,
    visitor_key text,
    channel text not null default '',
    template text not null default '',
    group_id uuid,
    agent_id uuid,
    first_intent text,
    last_intent text,
    bot_turns integer not null default 0,
    visitor_messages integer not null default 0,
    last_activity_at timestamptz not null,
    handoff_at timestamptz,
    handoff_reason text,
    assigned_at timestamptz,
    wait_seconds numeric,
    first_agent_reply_at timestamptz,
    first_response_business_seconds numeric,
    ended_at timestamptz,
    resolution_business_seconds numeric,
    outcome text,
    rating integer,
    primary key (tenant_id, conversation_id))`.execute(db);
  await sql`create index analytics_conversations_day on analytics_conversations (tenant_id, day)`.execute(db);
  await sql`create index analytics_conversations_idle on analytics_conversations (tenant_id, last_activity_at) where ended_at is null`.execute(db);
  await sql`create index analytics_conversations_visitor on analytics_conversations (tenant_id, visitor_key, started_at)`.execute(db);

  // Once-only facts about objects the recorder does not keep state for (a ticket's first response, a breach per clock).
  await sql`create table analytics_marks (
    tenant_id uuid not null references tenants(id) on delete cascade,
    subject_id uuid not null,
    mark text not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, subject_id, mark))`.execute(db);

  for (const table of ['analytics_events', 'analytics_daily', 'analytics_conversations', 'analytics_marks']) await protect(db, table);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists analytics_marks`.execute(db);
  await sql`drop table if exists analytics_conversations`.execute(db);
  await sql`drop table if exists analytics_daily`.execute(db);
  await sql`drop table if exists analytics_events`.execute(db);
  await sql`drop function if exists analytics_events_append_only()`.execute(db);
}
