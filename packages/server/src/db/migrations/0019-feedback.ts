import { sql, type Kysely } from 'kysely';

// Feedback (#17): the satisfaction survey offered when a conversation ends (one per conversation,
// offered by the durable survey sweep: closed by an agent, or resolved by the bot and idle), the
// visitor's 1–5 star rating (one per conversation: a second one is refused and the first stands),
// 有帮助/没帮助 on each bot answer, the 回访 follow-up of a low rating (its ticket, outcome and the
// customer's rating of how it was handled), and the stored monthly reports (HTML and PDF).
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const tables = ['feedback_surveys', 'conversation_ratings', 'answer_feedback', 'follow_ups', 'monthly_reports'];

const statements = [
  `create table feedback_surveys (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    visitor_id uuid not null,
    trigger text not null check (trigger in ('closed', 'bot_idle')),
    message_id uuid,
    created_at timestamptz not null default now(),
    shown_at timestamptz)`,
  `create unique index feedback_surveys_conversation on feedback_surveys (tenant_id, conversation_id)`,
  `create index feedback_surveys_shown on feedback_surveys (tenant_id, shown_at) where shown_at is not null`,
  `create table conversation_ratings (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    survey_id uuid references feedback_surveys(id) on delete set null,
    visitor_id uuid not null,
    agent_id uuid references users(id) on delete set null,
    group_id uuid references agent_groups(id) on delete set null,
    stars integer not null check (stars between 1 and 5),
    tags jsonb not null default '[]'::jsonb,
    comment text not null default '' check (char_length(comment) <= 1000),
    created_at timestamptz not null default now())`,
  `create unique index conversation_ratings_one_per_conversation on conversation_ratings (tenant_id, conversation_id)`,
  `create index conversation_ratings_recent on conversation_ratings (tenant_id, created_at desc)`,
  `create table answer_feedback (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    message_id uuid not null references messages(id) on delete cascade,
    visitor_id uuid not null,
    helpful boolean not null,
    faq_id text,
    intent text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create unique index answer_feedback_one_per_message on answer_feedback (tenant_id, message_id)`,
  `create index answer_feedback_recent on answer_feedback (tenant_id, created_at)`,
  `create table follow_ups (
    id uuid primary key, ${TENANT},
    rating_id uuid not null references conversation_ratings(id) on delete cascade,
    ticket_id uuid references tickets(id) on delete set null,
    status text not null default 'open' check (status in ('open', 'done')),
    outcome text check (outcome in ('resolved', 'not_resolved', 'unreachable')),
    outcome_note text not null default '' check (char_length(outcome_note) <= 1000),
    outcome_by uuid references users(id) on delete set null,
    outcome_at timestamptz,
    customer_stars integer check (customer_stars between 1 and 5),
    customer_rated_at timestamptz,
    created_at timestamptz not null default now())`,
  `create unique index follow_ups_one_per_rating on follow_ups (tenant_id, rating_id)`,
  `create index follow_ups_recent on follow_ups (tenant_id, created_at desc)`,
  `create table monthly_reports (
    id uuid primary key, ${TENANT},
    month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    html text not null,
    pdf bytea,
    pdf_error text,
    emailed_to jsonb not null default '[]'::jsonb,
    emailed_at timestamptz,
    email_error text,
    created_at timestamptz not null default now())`,
  `create unique index monthly_reports_one_per_month on monthly_reports (tenant_id, month)`,
];

const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const table of tables) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy tenant_isolation on ${table} using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables].reverse()) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
}
