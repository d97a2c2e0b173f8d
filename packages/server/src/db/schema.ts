import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are written as Date and read as Date; CreatedAt ones default to now(). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** jsonb columns are written as JSON text (both backends parse it) and read as parsed values. */
type Json<T> = ColumnType<T, string, string>;

export type Role = 'admin' | 'supervisor' | 'agent' | 'analyst';
export type SenderType = 'visitor' | 'bot' | 'agent' | 'system';
export type IdentityMode = 'off' | 'optional' | 'required';

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  industry: string;
  identity_mode: Generated<IdentityMode>;
  identity_secret: string | null;
  settings: Json<Record<string, unknown>>;
  /** Normalised origins allowed to embed the widget (migration 0007); empty = only the platform's own pages. */
  widget_allowed_origins: Generated<string[]>;
  /** Bumped on every knowledge-base change, so every app node knows when its bot index is stale. */
  kb_version: Generated<number>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: string;
  subject: string;
  ip: string;
  succeeded: boolean;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  prefix: string;
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface VisitorsTable {
  id: string;
  tenant_id: string;
  external_id: string | null;
  name: string | null;
  verified: boolean;
  token_hash: string;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: string;
  tenant_id: string;
  visitor_id: string;
  status: 'open' | 'closed';
  handoff: Generated<boolean>;
  assignee_id: string | null;
  last_seq: Generated<number>;
  bot_state: Json<unknown> | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MessagesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  seq: number;
  sender_type: SenderType;
  sender_id: string | null;
  sender_name: string | null;
  text: string;
  client_msg_id: string | null;
  quick_replies: Json<string[]>;
  meta: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface FaqsTable {
  id: string;
  tenant_id: string;
  question: string;
  paraphrases: Json<string[]>;
  answer: string;
  category: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  id: string;
  tenant_id: string;
  actor_type: 'user' | 'api_key' | 'visitor' | 'system';
  actor_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  detail: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface BotConfigsTable {
  tenant_id: string;
  template_id: string | null;
  config: Json<unknown>;
  updated_at: CreatedAt;
}

export interface NluModelsTable {
  tenant_id: string;
  data_version: number;
  model: Json<unknown>;
  train_ms: number;
  trained_at: CreatedAt;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_keys: ApiKeysTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  faqs: FaqsTable;
  audit_log: AuditLogTable;
  bot_configs: BotConfigsTable;
  nlu_models: NluModelsTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type UserRow = Selectable<UsersTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type FaqRow = Selectable<FaqsTable>;
export type NewMessage = Insertable<MessagesTable>;
