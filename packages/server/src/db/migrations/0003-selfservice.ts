import { sql, type Kysely } from 'kysely';

// Self-service: idempotency log, OTPs, verifications, attachments, and the demo
// enterprise backend that the demo connectors read and write. Every table is
// keyed by tenant_id first, like the rest of the schema.
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const statements = [
  `create table selfservice_actions (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    action_id text not null, name text not null, outcome jsonb,
    created_at timestamptz not null default now(),
    unique (tenant_id, conversation_id, action_id))`,
  `create table selfservice_sequences (
    ${TENANT}, prefix text not null, day text not null, value integer not null,
    primary key (tenant_id, prefix, day))`,
  `create table selfservice_otps (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    mobile text not null, salt text not null, code_hash text not null,
    attempts integer not null default 0, expires_at timestamptz not null, consumed_at timestamptz,
    created_at timestamptz not null default now())`,
  `create index selfservice_otps_lookup on selfservice_otps (tenant_id, conversation_id, mobile, created_at)`,
  `create index selfservice_otps_by_mobile on selfservice_otps (tenant_id, mobile, created_at)`,
  `create table selfservice_verifications (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    customer_id text not null, mobile text not null, verified_at timestamptz not null)`,
  `create index selfservice_verifications_lookup on selfservice_verifications (tenant_id, conversation_id)`,
  `create table selfservice_attachments (
    id uuid primary key, ${TENANT},
    conversation_id uuid not null references conversations(id) on delete cascade,
    visitor_id uuid not null, filename text not null, content_type text not null,
    size integer not null, sha256 text not null, data bytea not null,
    created_at timestamptz not null default now())`,
  `create index selfservice_attachments_conversation on selfservice_attachments (tenant_id, conversation_id)`,

  `create table demo_orders (
    ${TENANT}, order_no text not null, product_id text not null, item_summary text not null,
    amount_cents integer not null, status text not null, address text not null,
    carrier text, tracking_no text, ordered_at timestamptz not null,
    shipped_at timestamptz, delivered_at timestamptz, expected_delivery text,
    primary key (tenant_id, order_no))`,
  `create table demo_logistics_events (
    id serial primary key, ${TENANT}, order_no text not null,
    at timestamptz not null, description text not null)`,
  `create index demo_logistics_events_order on demo_logistics_events (tenant_id, order_no, at)`,
  `create table demo_returns (
    ${TENANT}, reference text not null, order_no text not null, kind text not null,
    reason text not null, method text, new_spec text, status text not null,
    conversation_id uuid, created_at timestamptz not null default now(),
    primary key (tenant_id, reference), unique (tenant_id, order_no, kind))`,
  `create table demo_refunds (
    ${TENANT}, order_no text not null, amount_cents integer not null, status text not null,
    channel text not null, reason_text text, expected_date text, refunded_at timestamptz,
    primary key (tenant_id, order_no))`,
  `create table demo_service_requests (
    ${TENANT}, reference text not null, kind text not null, subject text not null,
    detail jsonb not null default '{}'::jsonb, conversation_id uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, reference))`,
  `create table demo_customers (
    ${TENANT}, customer_id text not null, name text not null, mobile text not null,
    primary key (tenant_id, customer_id), unique (tenant_id, mobile))`,
  `create table demo_accounts (
    ${TENANT}, customer_id text not null, account_last4 text not null,
    available_cents bigint not null, ledger_cents bigint not null,
    primary key (tenant_id, customer_id, account_last4))`,
  `create table demo_cards (
    ${TENANT}, customer_id text not null, last4 text not null, kind text not null, status text not null,
    primary key (tenant_id, customer_id, last4))`,
  `create table demo_card_bills (
    ${TENANT}, customer_id text not null, card_last4 text not null, month text not null,
    amount_due_cents integer not null, minimum_due_cents integer not null, due_date text not null,
    primary key (tenant_id, customer_id, card_last4, month))`,
  `create table demo_transfers (
    ${TENANT}, transfer_id text not null, customer_id text not null, day text not null,
    amount_cents integer not null, payee_name text not null, payee_account_last4 text not null,
    status text not null, primary key (tenant_id, transfer_id))`,
  `create table demo_gov_services (
    ${TENANT}, code text not null, name text not null, location text not null,
    materials jsonb not null default '[]'::jsonb, review_days integer not null,
    primary key (tenant_id, code))`,
  `create table demo_appointment_slots (
    id uuid primary key, ${TENANT}, service_code text not null, day text not null,
    start_time text not null, end_time text not null, capacity integer not null,
    booked integer not null default 0,
    unique (tenant_id, service_code, day, start_time),
    check (booked >= 0 and booked <= capacity))`,
  `create table demo_appointments (
    ${TENANT}, reference text not null, slot_id uuid not null references demo_appointment_slots(id) on delete cascade,
    name text not null, id_card_hash text not null, conversation_id uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, reference), unique (tenant_id, slot_id, id_card_hash))`,
  `create table demo_applications (
    ${TENANT}, reference text not null, service_name text not null, applicant text not null,
    stage text not null, detail text not null, expected_date text,
    required_materials jsonb not null default '[]'::jsonb,
    awaiting_materials boolean not null default false, review_days integer not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, reference))`,
  `create table demo_plans (
    ${TENANT}, plan_id text not null, name text not null, monthly_fee_cents integer not null,
    data_gb integer not null, minutes integer not null, primary key (tenant_id, plan_id))`,
  `create table demo_subscribers (
    ${TENANT}, mobile text not null, customer_id text not null, name text not null,
    plan_id text not null, arrears_cents integer not null default 0, contract_until text,
    broadband_account text, primary key (tenant_id, mobile))`,
  `create table demo_phone_bills (
    ${TENANT}, mobile text not null, month text not null, plan_fee_cents integer not null,
    extra_fee_cents integer not null, value_added_fee_cents integer not null,
    primary key (tenant_id, mobile, month))`,
  `create table demo_usage (
    ${TENANT}, mobile text not null, total_gb real not null, used_gb real not null,
    total_minutes integer not null, used_minutes integer not null, as_of timestamptz not null,
    primary key (tenant_id, mobile))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const tables = [
  'demo_usage', 'demo_phone_bills', 'demo_subscribers', 'demo_plans', 'demo_applications', 'demo_appointments',
  'demo_appointment_slots', 'demo_gov_services', 'demo_transfers', 'demo_card_bills', 'demo_cards', 'demo_accounts',
  'demo_customers', 'demo_service_requests', 'demo_refunds', 'demo_returns', 'demo_logistics_events', 'demo_orders',
  'selfservice_attachments', 'selfservice_verifications', 'selfservice_otps', 'selfservice_sequences', 'selfservice_actions',
];

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
