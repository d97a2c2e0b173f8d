import { sql, type Kysely } from 'kysely';

// 猜你想办 (#17): the recommendation experiments (per tenant, arms with a strategy and a weight), the
// arm each visitor was given (sticky even if weights change later), every list of recommendations
// shown with the one click it got (exposure and click in one row: CTR is a count over it), and the
// bottleneck findings the daily job writes (one per tenant × kind × subject × day, so a second run
// of the same day — another node, a retry — changes nothing).
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';
const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

const tables = ['rec_experiments', 'rec_experiment_variants', 'rec_assignments', 'rec_impressions', 'analytics_findings'];

const statements = [
  `create table rec_experiments (
    id uuid primary key,
    ${TENANT},
    name text not null check (length(name) between 1 and 100),
    status text not null default 'running' check (status in ('running', 'stopped')),
    rollout_variant text,
    created_at timestamptz not null default now(),
    stopped_at timestamptz)`,
  `create unique index rec_experiments_one_running on rec_experiments (tenant_id) where status = 'running'`,
  `create index rec_experiments_tenant on rec_experiments (tenant_id, created_at desc)`,
  `create table rec_experiment_variants (
    ${TENANT},
    experiment_id uuid not null references rec_experiments(id) on delete cascade,
    key text not null,
    strategy text not null check (strategy in ('personalised', 'popular')),
    weight integer not null check (weight between 0 and 100),
    primary key (experiment_id, key))`,
  `create table rec_assignments (
    ${TENANT},
    experiment_id uuid not null references rec_experiments(id) on delete cascade,
    subject_hash text not null,
    variant_key text not null,
    assigned_at timestamptz not null default now(),
    primary key (experiment_id, subject_hash))`,
  `create table rec_impressions (
    id uuid primary key,
    ${TENANT},
    experiment_id uuid references rec_experiments(id) on delete set null,
    variant_key text,
    strategy text not null,
    visitor_id uuid not null,
    conversation_id uuid,
    moment text not null check (moment in ('welcome', 'after_task')),
    items jsonb not null,
    created_at timestamptz not null default now(),
    clicked_item text,
    clicked_position integer,
    clicked_at timestamptz)`,
  `create index rec_impressions_experiment on rec_impressions (tenant_id, experiment_id, variant_key)`,
  `create index rec_impressions_visitor on rec_impressions (tenant_id, visitor_id, created_at desc)`,
  `create table analytics_findings (
    id uuid primary key,
    ${TENANT},
    kind text not null check (kind in ('step_failure', 'step_abandon', 'intent_fallback', 'faq_unhelpful')),
    subject_key text not null,
    subject_label text not null,
    day text not null,
    status text not null default 'open' check (status in ('open', 'dismissed', 'done')),
    comparison text not null check (comparison in ('baseline', 'peers')),
    rate double precision not null,
    events integer not null,
    trials integer not null,
    reference_rate double precision not null,
    reference_trials integer not null,
    p_value double precision not null,
    q_value double precision not null,
    reason text,
    summary text not null,
    suggestion text not null,
    evidence jsonb not null,
    created_at timestamptz not null default now(),
    decided_at timestamptz,
    decided_by uuid,
    unique (tenant_id, kind, subject_key, day, comparison))`,
  `create index analytics_findings_list on analytics_findings (tenant_id, status, created_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const table of tables) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy tenant_isolation on ${table} using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables].reverse()) await sql.raw(`drop table if exists ${table}`).execute(db);
}
