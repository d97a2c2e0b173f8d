import { sql, type Kysely } from 'kysely';
import { AUDIT_GENESIS_HASH, auditEntryHash } from '../../auth/audit-entry-hash.js';

// PIPL tooling (issue #19): the audit log becomes a per-tenant hash chain, and the privacy module
// gets its consent ledger, its data-subject requests and its retention run reports.
const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const STATEMENTS = [
  `alter table audit_log add column seq integer, add column prev_hash text, add column hash text`,
  `create unique index audit_log_chain on audit_log (tenant_id, seq)`,
  `create table audit_chain_heads (
    tenant_id uuid primary key references tenants(id) on delete cascade,
    last_seq integer not null,
    last_hash text not null,
    purged_through_seq integer not null default 0,
    purged_through_hash text)`,
  // Still append-only, except for the retention purge, which says so for its own transaction only
  // (set_config(..., true)); what it cuts from the start is recorded in the head, so verification still holds.
  `create or replace function audit_log_immutable() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('zhida.audit_purge', true) = 'on' then return old; end if;
      raise exception 'audit_log is append-only';
    end $$`,
  `create table privacy_consents (
    id uuid primary key, ${TENANT},
    visitor_id uuid not null references visitors(id) on delete cascade,
    conversation_id uuid references conversations(id) on delete set null,
    scope text not null check (scope in ('notice', 'sensitive_identity', 'sensitive_financial', 'recording')),
    action text not null check (action in ('granted', 'withdrawn')),
    notice_version integer not null,
    created_at timestamptz not null default now())`,
  `create index privacy_consents_visitor on privacy_consents (tenant_id, visitor_id, created_at)`,
  `create table privacy_requests (
    id uuid primary key, ${TENANT},
    kind text not null check (kind in ('export', 'delete', 'anonymise')),
    subject_type text not null check (subject_type in ('visitor', 'external_id')),
    subject_ref text not null,
    status text not null default 'open' check (status in ('open', 'completed', 'rejected')),
    requested_by text not null,
    note text not null default '',
    due_at timestamptz not null,
    completed_at timestamptz,
    result jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now())`,
  `create index privacy_requests_tenant on privacy_requests (tenant_id, created_at desc)`,
  `create table privacy_retention_runs (
    id uuid primary key, ${TENANT},
    ran_at timestamptz not null default now(),
    removed jsonb not null)`,
  `create index privacy_retention_runs_tenant on privacy_retention_runs (tenant_id, ran_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of STATEMENTS) await sql.raw(s).execute(db);
  for (const t of ['audit_chain_heads', 'privacy_consents', 'privacy_requests', 'privacy_retention_runs']) {
    await sql.raw(`alter table ${t} enable row level security`).execute(db);
    await sql.raw(`alter table ${t} force row level security`).execute(db);
    await sql.raw(`create policy tenant_isolation on ${t} using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
  }
  await chainExistingEntries(db);
}

// Entries written before the chain existed are chained in their written order, so `audit verify`
// covers them from now on (it cannot say whether they were changed before today).
async function chainExistingEntries(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  const tenants = await sql<{ tenant_id: string }>`select distinct tenant_id from audit_log`.execute(db);
  for (const { tenant_id } of tenants.rows) {
    const rows = await sql<{ id: string; tenant_id: string; actor_type: string; actor_id: string | null; action: string; object_type: string | null; object_id: string | null; detail: unknown; created_at: Date }>`
      select id, tenant_id, actor_type, actor_id, action, object_type, object_id, detail, date_trunc('milliseconds', created_at) as created_at
      from audit_log where tenant_id = ${tenant_id} order by created_at, id`.execute(db);
    let prev = AUDIT_GENESIS_HASH;
    let seq = 0;
    for (const r of rows.rows) {
      seq++;
      const createdAt = new Date(r.created_at);
      const hash = auditEntryHash({ tenantId: r.tenant_id, seq, id: r.id, actorType: r.actor_type, actorId: r.actor_id, action: r.action, objectType: r.object_type, objectId: r.object_id, detail: r.detail, createdAt, prevHash: prev });
      await sql`update audit_log set seq = ${seq}, prev_hash = ${prev}, hash = ${hash}, created_at = ${createdAt} where id = ${r.id}`.execute(db);
      prev = hash;
    }
    await sql`insert into audit_chain_heads (tenant_id, last_seq, last_hash) values (${tenant_id}, ${seq}, ${prev})`.execute(db);
  }
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['privacy_retention_runs', 'privacy_requests', 'privacy_consents', 'audit_chain_heads']) await sql.raw(`drop table if exists ${t}`).execute(db);
  await sql`create or replace function audit_log_immutable() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`drop index if exists audit_log_chain`.execute(db);
  await sql`alter table audit_log drop column seq, drop column prev_hash, drop column hash`.execute(db);
}
