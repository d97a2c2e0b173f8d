import { sql, type Kysely } from 'kysely';

// Native tickets (工单): agent groups (departments) shared with the chat handoff queue, business
// calendars, categories with their fields and training examples, routing rules, SLA policies,
// tickets with an append-only event log, their attachments, the SLA alerts fired (one row per
// clock × level × deadline, so each fires exactly once), classifier corrections, and the
// transactional outbox of signed webhooks. Every table carries tenant_id and gets the tenant
// policy of migration 0011 below.
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';
const PRIORITY = "text not null check (priority in ('P1', 'P2', 'P3', 'P4'))";

const tables = [
  'business_calendars', 'agent_groups', 'agent_group_members', 'ticket_categories', 'ticket_routing_rules', 'sla_policies',
  'tickets', 'ticket_events', 'ticket_attachments', 'ticket_sla_alerts', 'ticket_training_examples', 'webhook_endpoints', 'webhook_deliveries',
];

const statements = [
  `create table business_calendars (
    id uuid primary key, ${TENANT},
    name text not null,
    timezone text not null default 'Asia/Shanghai',
    weekly_hours jsonb not null,
    follow_china_holidays boolean not null default true,
    closures jsonb not null default '[]'::jsonb,
    is_default boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, name))`,
  `create unique index business_calendars_one_default on business_calendars (tenant_id) where is_default`,
  `create table agent_groups (
    id uuid primary key, ${TENANT},
    name text not null,
    description text not null default '',
    calendar_id uuid references business_calendars(id) on delete set null,
    created_at timestamptz not null default now(),
    unique (tenant_id, name))`,
  `create table agent_group_members (
    ${TENANT},
    group_id uuid not null references agent_groups(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    is_supervisor boolean not null default false,
    max_open_tickets integer not null default 30 check (max_open_tickets >= 0),
    on_duty boolean not null default true,
    created_at timestamptz not null default now(),
    primary key (group_id, user_id))`,
  `create index agent_group_members_user on agent_group_members (tenant_id, user_id)`,
  `create table ticket_categories (
    id uuid primary key, ${TENANT},
    key text not null,
    name text not null,
    description text not null default '',
    fields jsonb not null default '[]'::jsonb,
    examples jsonb not null default '[]'::jsonb,
    default_group_id uuid references agent_groups(id) on delete set null,
    default_priority text not null default 'P3' check (default_priority in ('P1', 'P2', 'P3', 'P4')),
    position integer not null default 0,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    unique (tenant_id, key))`,
  `create table ticket_routing_rules (
    id uuid primary key, ${TENANT},
    name text not null,
    position integer not null default 0,
    category_keys jsonb not null default '[]'::jsonb,
    keywords jsonb not null default '[]'::jsonb,
    customer_tiers jsonb not null default '[]'::jsonb,
    group_id uuid not null references agent_groups(id) on delete cascade,
    priority text check (priority in ('P1', 'P2', 'P3', 'P4')),
    active boolean not null default true,
    created_at timestamptz not null default now())`,
  `create table sla_policies (
    id uuid primary key, ${TENANT},
    name text not null,
    position integer not null default 0,
    priorities jsonb not null default '[]'::jsonb,
    category_keys jsonb not null default '[]'::jsonb,
    first_response_minutes integer check (first_response_minutes > 0),
    next_response_minutes integer check (next_response_minutes > 0),
    resolution_minutes integer check (resolution_minutes > 0),
    escalate_group_id uuid references agent_groups(id) on delete set null,
    calendar_id uuid references business_calendars(id) on delete set null,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create table tickets (
    id uuid primary key, ${TENANT},
    number text not null,
    subject text not null,
    description text not null,
    status text not null check (status in ('new', 'open', 'pending_customer', 'resolved', 'closed')),
    priority ${PRIORITY},
    category_id uuid references ticket_categories(id) on delete set null,
    group_id uuid references agent_groups(id) on delete set null,
    assignee_id uuid references users(id) on delete set null,
    needs_triage boolean not null default false,
    channel text not null check (channel in ('widget', 'chat', 'console', 'api')),
    conversation_id uuid references conversations(id) on delete set null,
    visitor_id uuid references visitors(id) on delete set null,
    customer_ref text,
    customer_tier text,
    contact_name text,
    contact_phone text,
    contact_email text,
    fields jsonb not null default '{}'::jsonb,
    classification jsonb,
    sla_policy_id uuid references sla_policies(id) on delete set null,
    first_response_due_at timestamptz,
    next_response_due_at timestamptz,
    resolution_due_at timestamptz,
    first_responded_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    escalation_at timestamptz,
    breached boolean not null default false,
    merged_into_id uuid references tickets(id) on delete set null,
    search_text text not null default '',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (tenant_id, number))`,
  `create index tickets_list_order on tickets (tenant_id, updated_at desc, id desc)`,
  `create index tickets_status on tickets (tenant_id, status, updated_at desc)`,
  `create index tickets_assignee on tickets (tenant_id, assignee_id, status)`,
  `create index tickets_group on tickets (tenant_id, group_id, status)`,
  `create index tickets_visitor on tickets (tenant_id, visitor_id)`,
  `create index tickets_customer on tickets (tenant_id, customer_ref)`,
  `create index tickets_phone on tickets (tenant_id, contact_phone)`,
  // The one column the SLA scheduler reads: the earliest moment something must happen to the ticket.
  `create index tickets_escalation on tickets (escalation_at) where escalation_at is not null`,
  `create table ticket_events (
    id uuid primary key, ${TENANT},
    ticket_id uuid not null references tickets(id) on delete cascade,
    seq integer not null,
    type text not null,
    actor_type text not null check (actor_type in ('customer', 'agent', 'system', 'bot', 'api')),
    actor_id text,
    public boolean not null default false,
    body text,
    data jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    unique (ticket_id, seq))`,
  `create index ticket_events_tenant on ticket_events (tenant_id, created_at)`,
  `create table ticket_attachments (
    id uuid primary key, ${TENANT},
    ticket_id uuid not null references tickets(id) on delete cascade,
    event_id uuid references ticket_events(id) on delete set null,
    filename text not null,
    content_type text not null,
    size integer not null,
    sha256 text not null,
    data bytea not null,
    uploaded_by text not null check (uploaded_by in ('customer', 'agent', 'bot', 'api')),
    created_at timestamptz not null default now())`,
  `create index ticket_attachments_ticket on ticket_attachments (tenant_id, ticket_id)`,
  `create table ticket_sla_alerts (
    ${TENANT},
    ticket_id uuid not null references tickets(id) on delete cascade,
    clock text not null check (clock in ('first_response', 'next_response', 'resolution')),
    level text not null check (level in ('warning', 'breach')),
    due_at timestamptz not null,
    fired_at timestamptz not null default now(),
    primary key (ticket_id, clock, level, due_at))`,
  `create table ticket_training_examples (
    id uuid primary key, ${TENANT},
    category_key text not null,
    text text not null,
    ticket_id uuid references tickets(id) on delete set null,
    created_at timestamptz not null default now())`,
  `create index ticket_training_examples_tenant on ticket_training_examples (tenant_id, created_at)`,
  `create table webhook_endpoints (
    id uuid primary key, ${TENANT},
    url text not null,
    description text not null default '',
    secret text not null,
    event_types jsonb not null default '[]'::jsonb,
    active boolean not null default true,
    created_at timestamptz not null default now())`,
  `create table webhook_deliveries (
    id uuid primary key, ${TENANT},
    endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
    event_type text not null,
    payload jsonb not null,
    status text not null default 'pending' check (status in ('pending', 'delivering', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    locked_until timestamptz,
    last_status integer,
    last_error text,
    created_at timestamptz not null default now(),
    delivered_at timestamptz)`,
  `create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at)`,
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
