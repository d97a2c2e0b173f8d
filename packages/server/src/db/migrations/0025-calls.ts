import { sql, type Kysely } from 'kysely';

// Video remote assistance (#15): a call is a row from the moment an agent starts it, so its
// ring timeout survives a restart (the ring loop reads `ring_deadline`), its outcome is
// auditable, and the transcript and analytics are derived from it. Recording is off until
// the tenant turns it on (call_settings) and the visitor consents (privacy_consents, scope
// 'recording'); the recording itself is a row of its own, one per call.
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const tables = ['calls', 'call_recordings', 'call_settings'];

const statements = [
  `create table calls (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    kind text not null check (kind in ('video', 'audio')),
    started_by uuid references users(id) on delete set null,
    state text not null check (state in ('ringing', 'connected', 'ended', 'declined', 'missed', 'failed')),
    ring_deadline timestamptz not null,
    created_at timestamptz not null default now(),
    connected_at timestamptz,
    ended_at timestamptz,
    duration_seconds integer check (duration_seconds >= 0),
    ended_by text check (ended_by in ('agent', 'visitor', 'system')),
    end_reason text check (char_length(end_reason) <= 40),
    recording_consent_id uuid)`,
  // At most one live call per conversation: a second start while one rings or runs is a 409.
  `create unique index calls_one_live_per_conversation on calls (tenant_id, conversation_id) where state in ('ringing', 'connected')`,
  `create index calls_ringing_due on calls (ring_deadline) where state = 'ringing'`,
  `create index calls_conversation on calls (tenant_id, conversation_id, created_at)`,
  `create table call_recordings (
    id uuid primary key, ${TENANT},
    call_id uuid not null references calls(id) on delete cascade,
    content_type text not null check (content_type in ('video/webm', 'audio/webm')),
    size integer not null check (size > 0),
    sha256 text not null,
    data bytea not null,
    uploaded_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now())`,
  `create unique index call_recordings_one_per_call on call_recordings (tenant_id, call_id)`,
  `create table call_settings (
    tenant_id uuid primary key references tenants(id) on delete cascade,
    recording_enabled boolean not null default false,
    updated_at timestamptz not null default now())`,
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
