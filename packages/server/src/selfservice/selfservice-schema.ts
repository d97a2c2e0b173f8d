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

/** The self-service tables (migration 0003; the demo enterprise's, dropped by 0035, live in packages/demo-enterprise); merged into `Database` by db/schema.ts. */
export interface SelfServiceTables {
  selfservice_actions: SelfServiceActionsTable;
  selfservice_sequences: SelfServiceSequencesTable;
  selfservice_otps: SelfServiceOtpsTable;
  selfservice_verifications: SelfServiceVerificationsTable;
  selfservice_attachments: SelfServiceAttachmentsTable;
}
