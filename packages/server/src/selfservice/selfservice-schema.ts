import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb columns are written as JSON text and read as parsed values (both backends). */
type Json<T> = ColumnType<T, string, string>;
/** bytea: pg returns a Buffer, PGlite a Uint8Array. */
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

/** Idempotency record of one executed action; `outcome` is null while the action is running. */
export interface SelfServiceActionsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  action_id: string;
  name: string;
  outcome: Json<unknown> | null;
  created_at: CreatedAt;
}

/** Per-tenant, per-prefix, per-day counters behind reference numbers (RMA202611250001). */
export interface SelfServiceSequencesTable {
  tenant_id: string;
  prefix: string;
  day: string;
  value: number;
}

export interface SelfServiceOtpsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  mobile: string;
  salt: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A conversation proved it owns a mobile number (and so the customer behind it). */
export interface SelfServiceVerificationsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  customer_id: string;
  mobile: string;
  verified_at: Timestamp;
}

export interface SelfServiceAttachmentsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  visitor_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Bytes;
  created_at: CreatedAt;
}

export interface DemoOrdersTable {
  tenant_id: string;
  order_no: string;
  product_id: string;
  item_summary: string;
  amount_cents: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled';
  address: string;
  carrier: string | null;
  tracking_no: string | null;
  ordered_at: Timestamp;
  shipped_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  expected_delivery: string | null;
  /** The enterprise's customer id (`visitors.external_id` of a verified visitor); null when unknown (migration 0005). */
  customer_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DemoLogisticsEventsTable {
  id: Generated<number>;
  tenant_id: string;
  order_no: string;
  at: Timestamp;
  description: string;
}

export interface DemoReturnsTable {
  tenant_id: string;
  reference: string;
  order_no: string;
  kind: 'return' | 'exchange';
  reason: string;
  method: string | null;
  new_spec: string | null;
  status: string;
  conversation_id: string | null;
  created_at: CreatedAt;
  /** When `status` last changed (migration 0008); the demo after-sales job moves it. */
  status_changed_at: CreatedAt;
}

/** One step a demo return/exchange reached, and when (migration 0008); one row per status. */
export interface DemoReturnEventsTable {
  tenant_id: string;
  reference: string;
  status: string;
  at: Timestamp;
}

export interface DemoRefundsTable {
  tenant_id: string;
  order_no: string;
  amount_cents: number;
  status: 'processing' | 'completed' | 'rejected';
  channel: string;
  reason_text: string | null;
  expected_date: string | null;
  refunded_at: NullableTimestamp;
}

/** Everything a customer asked for that got a reference number and has no richer table: tickets, loss reports, plan changes… */
export interface DemoServiceRequestsTable {
  tenant_id: string;
  reference: string;
  kind: string;
  subject: string;
  detail: Json<Record<string, unknown>>;
  conversation_id: string | null;
  /** Set when the requesting visitor was verified (HMAC identity); null for anonymous requests (migration 0005). */
  customer_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface DemoCustomersTable {
  tenant_id: string;
  customer_id: string;
  name: string;
  mobile: string;
}

export interface DemoAccountsTable {
  tenant_id: string;
  customer_id: string;
  account_last4: string;
  available_cents: number;
  ledger_cents: number;
}

export interface DemoCardsTable {
  tenant_id: string;
  customer_id: string;
  last4: string;
  kind: 'debit' | 'credit';
  status: 'active' | 'lost';
}

export interface DemoCardBillsTable {
  tenant_id: string;
  customer_id: string;
  card_last4: string;
  month: string;
  amount_due_cents: number;
  minimum_due_cents: number;
  due_date: string;
}

export interface DemoTransfersTable {
  tenant_id: string;
  transfer_id: string;
  customer_id: string;
  day: string;
  amount_cents: number;
  payee_name: string;
  payee_account_last4: string;
  status: 'completed' | 'processing' | 'returned';
}

export interface DemoGovServicesTable {
  tenant_id: string;
  code: string;
  name: string;
  location: string;
  materials: Json<string[]>;
  review_days: number;
}

export interface DemoAppointmentSlotsTable {
  id: string;
  tenant_id: string;
  service_code: string;
  day: string;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: Generated<number>;
}

export interface DemoAppointmentsTable {
  tenant_id: string;
  reference: string;
  slot_id: string;
  name: string;
  id_card_hash: string;
  conversation_id: string | null;
  created_at: CreatedAt;
}

export interface DemoApplicationsTable {
  tenant_id: string;
  reference: string;
  service_name: string;
  applicant: string;
  stage: string;
  detail: string;
  expected_date: string | null;
  required_materials: Json<string[]>;
  awaiting_materials: Generated<boolean>;
  review_days: number;
  created_at: CreatedAt;
}

export interface DemoPlansTable {
  tenant_id: string;
  plan_id: string;
  name: string;
  monthly_fee_cents: number;
  data_gb: number;
  minutes: number;
}

export interface DemoSubscribersTable {
  tenant_id: string;
  mobile: string;
  customer_id: string;
  name: string;
  plan_id: string;
  arrears_cents: number;
  contract_until: string | null;
  broadband_account: string | null;
  /** Installation address of the broadband line (migration 0006). */
  broadband_address: string | null;
}

export interface DemoPhoneBillsTable {
  tenant_id: string;
  mobile: string;
  month: string;
  plan_fee_cents: number;
  extra_fee_cents: number;
  value_added_fee_cents: number;
}

export interface DemoUsageTable {
  tenant_id: string;
  mobile: string;
  total_gb: number;
  used_gb: number;
  total_minutes: number;
  used_minutes: number;
  as_of: Timestamp;
}

/** The self-service tables (migrations 0003, 0005, 0006, 0008); merged into `Database` by db/schema.ts. */
export interface SelfServiceTables {
  selfservice_actions: SelfServiceActionsTable;
  selfservice_sequences: SelfServiceSequencesTable;
  selfservice_otps: SelfServiceOtpsTable;
  selfservice_verifications: SelfServiceVerificationsTable;
  selfservice_attachments: SelfServiceAttachmentsTable;
  demo_orders: DemoOrdersTable;
  demo_logistics_events: DemoLogisticsEventsTable;
  demo_returns: DemoReturnsTable;
  demo_return_events: DemoReturnEventsTable;
  demo_refunds: DemoRefundsTable;
  demo_service_requests: DemoServiceRequestsTable;
  demo_customers: DemoCustomersTable;
  demo_accounts: DemoAccountsTable;
  demo_cards: DemoCardsTable;
  demo_card_bills: DemoCardBillsTable;
  demo_transfers: DemoTransfersTable;
  demo_gov_services: DemoGovServicesTable;
  demo_appointment_slots: DemoAppointmentSlotsTable;
  demo_appointments: DemoAppointmentsTable;
  demo_applications: DemoApplicationsTable;
  demo_plans: DemoPlansTable;
  demo_subscribers: DemoSubscribersTable;
  demo_phone_bills: DemoPhoneBillsTable;
  demo_usage: DemoUsageTable;
}
