import { sql, type Kysely } from 'kysely';

// The human side of "robot first" (#14): each agent's presence, chat capacity and skills; the
// handoff queue (one row per request for a human, offered to one agent at a time and claimed under
// row locks); the groups' chat routing (skills a chat routed there needs, the intents it serves,
// the tenant's default chat group, the offer timeout); internal notes on messages (never sent to a
// visitor); a conversation's closing disposition; canned replies; and the assist suggestions shown
// to agents (what was used: the adoption rate).
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const tables = ['agent_profiles', 'handoff_requests', 'canned_replies', 'assist_suggestions'];

const statements = [
  `alter table agent_groups
    add column handles_chat boolean not null default true,
    add column chat_skills jsonb not null default '[]'::jsonb,
    add column chat_intents jsonb not null default '[]'::jsonb,
    add column is_chat_default boolean not null default false,
    add column offer_timeout_seconds integer not null default 30 check (offer_timeout_seconds between 5 and 600)`,
  `create unique index agent_groups_one_chat_default on agent_groups (tenant_id) where is_chat_default`,
  `create table agent_profiles (
    ${TENANT},
    user_id uuid primary key references users(id) on delete cascade,
    presence text not null default 'offline' check (presence in ('online', 'away', 'offline')),
    max_chats integer not null default 5 check (max_chats between 0 and 50),
    skills jsonb not null default '[]'::jsonb,
    presence_changed_at timestamptz not null default now(),
    last_seen_at timestamptz,
    last_chat_assigned_at timestamptz,
    updated_at timestamptz not null default now())`,
  `create index agent_profiles_presence on agent_profiles (tenant_id, presence)`,
  `create table handoff_requests (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    group_id uuid references agent_groups(id) on delete set null,
    reason text not null check (reason in ('user_request', 'high_risk', 'anger', 'repeated_failure', 'flow', 'transfer')),
    priority integer not null check (priority between 0 and 3),
    required_skills jsonb not null default '[]'::jsonb,
    status text not null check (status in ('queued', 'offered', 'assigned', 'ended', 'unavailable', 'left_message', 'cancelled')),
    offered_to uuid references users(id) on delete set null,
    offered_at timestamptz,
    offer_expires_at timestamptz,
    offer_count integer not null default 0,
    skipped_agents jsonb not null default '[]'::jsonb,
    assigned_to uuid references users(id) on delete set null,
    queued_at timestamptz not null default now(),
    assigned_at timestamptz,
    ended_at timestamptz,
    end_reason text,
    transfer_note text,
    transferred_from uuid references users(id) on delete set null,
    ticket_id uuid references tickets(id) on delete set null,
    created_at timestamptz not null default now())`,
  `create unique index handoff_requests_one_active on handoff_requests (conversation_id) where status in ('queued', 'offered', 'assigned')`,
  `create index handoff_requests_waiting on handoff_requests (tenant_id, group_id, priority, queued_at) where status in ('queued', 'offered')`,
  `create index handoff_requests_offer_due on handoff_requests (offer_expires_at) where status = 'offered'`,
  `create index handoff_requests_agent on handoff_requests (tenant_id, assigned_to) where status = 'assigned'`,
  `create index handoff_requests_ended on handoff_requests (tenant_id, group_id, ended_at) where status = 'ended'`,
  `alter table conversations
    add column disposition text check (disposition in ('resolved', 'needs_ticket', 'spam')),
    add column closed_at timestamptz`,
  `alter table messages add column internal boolean not null default false`,
  `create table canned_replies (
    id uuid primary key, ${TENANT},
    owner_id uuid references users(id) on delete cascade,
    shortcut text not null,
    title text not null,
    body text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create unique index canned_replies_shortcut on canned_replies (tenant_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), shortcut)`,
  `create table assist_suggestions (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    user_id uuid references users(id) on delete set null,
    message_id uuid,
    kind text not null check (kind in ('faq', 'article', 'similar_conversation', 'similar_ticket', 'canned', 'empathy')),
    ref_id text,
    title text not null default '',
    body text not null,
    rank integer not null,
    score real,
    shown_at timestamptz not null default now(),
    used_at timestamptz)`,
  `create index assist_suggestions_conversation on assist_suggestions (tenant_id, conversation_id, shown_at)`,
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
  await sql`alter table messages drop column if exists internal`.execute(db);
  await sql`alter table conversations drop column if exists disposition, drop column if exists closed_at`.execute(db);
  await sql`drop index if exists agent_groups_one_chat_default`.execute(db);
  await sql`alter table agent_groups drop column if exists handles_chat, drop column if exists chat_skills, drop column if exists chat_intents, drop column if exists is_chat_default, drop column if exists offer_timeout_seconds`.execute(db);
}
