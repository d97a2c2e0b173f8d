import { sql, type Kysely } from 'kysely';

// Documents (issue #18): manuals and policy files a tenant imports (upload or URL), each version's
// original bytes kept (the citation link opens them), split into passages that keep their heading
// path, and a log of the answers that used a passage. A re-import of changed content adds a version
// and replaces the passages; the history stays. Every table carries tenant_id and the tenant policy
// of migration 0011.
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const tables = ['document_settings', 'documents', 'document_versions', 'document_passages', 'document_passage_uses'];

const statements = [
  // Per tenant: the sites its URL imports may fetch from (host names; a leading "*." admits subdomains).
  `create table document_settings (
    tenant_id uuid primary key references tenants(id) on delete cascade,
    allowed_sites jsonb not null default '[]'::jsonb,
    updated_at timestamptz not null default now())`,
  `create table documents (
    id uuid primary key, ${TENANT},
    title text not null,
    source_kind text not null check (source_kind in ('upload', 'url')),
    source_name text not null,
    source_url text,
    mime text not null,
    current_version integer not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create index documents_list_order on documents (tenant_id, updated_at desc, id)`,
  `create index documents_source_url on documents (tenant_id, source_url) where source_url is not null`,
  `create table document_versions (
    ${TENANT},
    document_id uuid not null references documents(id) on delete cascade,
    version integer not null,
    sha256 text not null,
    bytes integer not null,
    pages integer,
    passages integer not null,
    mime text not null,
    source_name text not null,
    data bytea not null,
    imported_at timestamptz not null default now(),
    imported_by uuid references users(id) on delete set null,
    primary key (document_id, version))`,
  `create index document_versions_tenant on document_versions (tenant_id, document_id)`,
  `create table document_passages (
    id uuid primary key, ${TENANT},
    document_id uuid not null references documents(id) on delete cascade,
    version integer not null,
    ordinal integer not null,
    heading_path jsonb not null default '[]'::jsonb,
    text text not null,
    anchor text not null,
    enabled boolean not null default true,
    unique (document_id, ordinal))`,
  `create index document_passages_tenant on document_passages (tenant_id, document_id, ordinal)`,
  `create table document_passage_uses (
    id uuid primary key, ${TENANT},
    -- A re-import replaces the passages; the use stays with its document (passage null).
    passage_id uuid references document_passages(id) on delete set null,
    document_id uuid not null references documents(id) on delete cascade,
    channel text not null check (channel in ('bot', 'assist', 'search')),
    conversation_id uuid references conversations(id) on delete set null,
    created_at timestamptz not null default now())`,
  `create index document_passage_uses_document on document_passage_uses (tenant_id, document_id, created_at desc)`,
  `create index document_passage_uses_passage on document_passage_uses (passage_id)`,
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
