import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { HandoffDatabase } from '../handoff/handoff-schema.js';
import type { KbTables } from '../kb/articles/kb-schema.js';
import type { SelfServiceTables } from '../selfservice/selfservice-schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** What a consent covers: the privacy notice, or one kind of sensitive personal information (PIPL art. 28–29). */
export type ConsentScope = 'notice' | 'sensitive_identity' | 'sensitive_financial' | 'recording';
export const CONSENT_SCOPES = ['notice', 'sensitive_identity', 'sensitive_financial', 'recording'] as const satisfies readonly ConsentScope[];
export type PrivacyRequestKind = 'export' | 'delete' | 'anonymise';
export type PrivacyRequestStatus = 'open' | 'completed' | 'rejected';

/** Migration 0021: one row per consent given or withdrawn, never updated. */
export interface PrivacyConsentsTable {
  id: string;
  tenant_id: string;
  visitor_id: string;
  conversation_id: string | null;
  scope: ConsentScope;
  action: 'granted' | 'withdrawn';
  notice_version: number;
  created_at: CreatedAt;
}

/** Migration 0021: a data subject's request (art. 45 access, art. 47 deletion), tracked to its deadline. */
export interface PrivacyRequestsTable {
  id: string;
  tenant_id: string;
  kind: PrivacyRequestKind;
  subject_type: 'visitor' | 'external_id';
  subject_ref: string;
  status: ColumnType<PrivacyRequestStatus, PrivacyRequestStatus | undefined, PrivacyRequestStatus>;
  requested_by: string;
  note: ColumnType<string, string | undefined, string>;
  due_at: ColumnType<Date, Date, Date>;
  completed_at: NullableTimestamp;
  result: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}

/** Migration 0021: what each daily retention run removed, per tenant. */
export interface PrivacyRetentionRunsTable {
  id: string;
  tenant_id: string;
  ran_at: CreatedAt;
  removed: Json<Record<string, number>>;
}

export interface PrivacyTables {
  privacy_consents: PrivacyConsentsTable;
  privacy_requests: PrivacyRequestsTable;
  privacy_retention_runs: PrivacyRetentionRunsTable;
}

/** Every table that can hold a customer's personal information, with the privacy module's own. */
export type PrivacyDatabase = HandoffDatabase & KbTables & SelfServiceTables & PrivacyTables;

/** The app database seen with the privacy module's tables. */
export function privacyDatabase(db: Kysely<Database>): Kysely<PrivacyDatabase> {
  return db as unknown as Kysely<PrivacyDatabase>;
}

export type PrivacyRequestRow = Selectable<PrivacyRequestsTable>;
