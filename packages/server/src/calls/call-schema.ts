import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const CALL_KINDS = ['video', 'audio'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CALL_STATES = ['ringing', 'connected', 'ended', 'declined', 'missed', 'failed'] as const;
export type CallState = (typeof CALL_STATES)[number];
/** Who ended a call: one of its two parties, or the system (ring timeout). */
export type CallParty = 'agent' | 'visitor';
export type CallEndedBy = CallParty | 'system';

/** A video or audio call in one conversation (migration 0025). */
export interface CallsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  kind: CallKind;
  started_by: string | null;
  state: CallState;
  /** A call still ringing at this time becomes `missed` (the ring loop). */
  ring_deadline: ColumnType<Date, Date | string, Date | string>;
  created_at: CreatedAt;
  connected_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_seconds: number | null;
  ended_by: CallEndedBy | null;
  end_reason: string | null;
  /** The visitor's `recording` consent given in the call prompt (privacy_consents.id); null: no recording allowed. */
  recording_consent_id: string | null;
}

/** The recording of a call, made on the agent side and uploaded after it. */
export interface CallRecordingsTable {
  id: string;
  tenant_id: string;
  call_id: string;
  content_type: 'video/webm' | 'audio/webm';
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

/** A tenant's call settings; no row means the defaults (recording off). */
export interface CallSettingsTable {
  tenant_id: string;
  recording_enabled: boolean;
  updated_at: CreatedAt;
}

export interface CallDatabase extends Database {
  calls: CallsTable;
  call_recordings: CallRecordingsTable;
  call_settings: CallSettingsTable;
}

export type CallRow = Selectable<CallsTable>;

/** The same database seen with the call tables (declared here so the shared schema stays untouched). */
export function callDatabase(db: Kysely<Database>): Kysely<CallDatabase> {
  return db as unknown as Kysely<CallDatabase>;
}
