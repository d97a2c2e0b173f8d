import { sql, type Kysely } from 'kysely';

// Knowledge-base articles with immutable versions (the published one keeps
// serving while a newer draft is edited), FAQ suggestions mined from
// unanswered questions, and the durable job queue that schedules the mining.
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const statements = [
  `create table kb_articles (
    id uuid primary key, ${TENANT},
    category text not null,
    status text not null check (status in ('draft', 'published', 'archived')),
    current_version integer not null,
    published_version integer,
    graph_node_ids jsonb not null default '[]'::jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    published_at timestamptz)`,
  `create index kb_articles_tenant on kb_articles (tenant_id, status, category)`,
  `create table kb_article_versions (
    article_id uuid not null references kb_articles(id) on delete cascade,
    version integer not null,
    title text not null,
    body text not null,
    author_id uuid,
    created_at timestamptz not null default now(),
    primary key (article_id, version))`,
  `create table kb_suggestions (
    id uuid primary key, ${TENANT},
    kind text not null check (kind in ('new_faq', 'paraphrase')),
    faq_id uuid references faqs(id) on delete set null,
    question text not null,
    paraphrases jsonb not null default '[]'::jsonb,
    sample_count integer not null,
    status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
    created_at timestamptz not null default now(),
    decided_at timestamptz)`,
  `create index kb_suggestions_tenant on kb_suggestions (tenant_id, status, sample_count desc)`,
  `create table jobs (
    id uuid primary key,
    tenant_id uuid references tenants(id) on delete cascade,
    kind text not null,
    run_at timestamptz not null,
    status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
    attempts integer not null default 0,
    locked_by text,
    locked_until timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create index jobs_due on jobs (status, run_at)`,
  // At most one live (pending or running) job per tenant and kind, so every node can "ensure" the monthly run.
  `create unique index jobs_live_per_tenant on jobs (kind, tenant_id) where status in ('pending', 'running')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['jobs', 'kb_suggestions', 'kb_article_versions', 'kb_articles']) await db.schema.dropTable(table).ifExists().execute();
}
