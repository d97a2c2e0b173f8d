import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb columns are written as JSON text (both backends parse it) and read as parsed values. */
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type AgentPresence = 'online' | 'away' | 'offline';
export type HandoffReason = 'user_request' | 'high_risk' | 'anger' | 'repeated_failure' | 'flow' | 'transfer';
/** Waiting: queued, offered. Live: assigned. Final: the rest. */
export type HandoffStatus = 'queued' | 'offered' | 'assigned' | 'ended' | 'unavailable' | 'left_message' | 'cancelled';
export const ACTIVE_HANDOFF_STATUSES = ['queued', 'offered', 'assigned'] as const satisfies readonly HandoffStatus[];
export const WAITING_HANDOFF_STATUSES = ['queued', 'offered'] as const satisfies readonly HandoffStatus[];
/** Lower is served first: high risk, anger, a verified (VIP) customer, everyone else; then the longest wait. */
export const HANDOFF_PRIORITY = { high_risk: 0, anger: 1, verified: 2, normal: 3 } as const;
export type HandoffPriority = (typeof HANDOFF_PRIORITY)[keyof typeof HANDOFF_PRIORITY];
export type AssistSuggestionKind = 'faq' | 'article' | 'passage' | 'similar_conversation' | 'similar_ticket' | 'canned' | 'empathy';

export interface AgentProfilesTable {
  tenant_id: string;
  user_id: string;
  presence: Generated<AgentPresence>;
  /** Chats (offered + assigned) the agent may hold at once. */
  max_chats: Generated<number>;
  skills: JsonDefault<string[]>;
  presence_changed_at: CreatedAt;
  /** Refreshed while a console socket of the agent is connected on any node; online/away with this older than 60 s → offline. */
  last_seen_at: NullableTimestamp;
  /** Round-robin among equally loaded agents: the one assigned longest ago first. */
  last_chat_assigned_at: NullableTimestamp;
  updated_at: CreatedAt;
}

export interface HandoffRequestsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  /** Null: no chat group fits (then the request is `unavailable`). */
  group_id: string | null;
  reason: HandoffReason;
  priority: HandoffPriority;
  required_skills: JsonDefault<string[]>;
  status: HandoffStatus;
  offered_to: string | null;
  offered_at: NullableTimestamp;
  offer_expires_at: NullableTimestamp;
  offer_count: Generated<number>;
  /** Agents whose offer expired or who declined this request; not offered it again while anyone else can take it. */
  skipped_agents: JsonDefault<string[]>;
  assigned_to: string | null;
  /** Kept across offers and transfers: the wait the priority order and the visitor's estimate count from. */
  queued_at: CreatedAt;
  assigned_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  /** Why it ended: closed, transferred, visitor_left, agent_offline (returned to the queue as a new request)… */
  end_reason: string | null;
  transfer_note: string | null;
  transferred_from: string | null;
  /** The ticket a left message became. */
  ticket_id: string | null;
  created_at: CreatedAt;
}

export interface CannedRepliesTable {
  id: string;
  tenant_id: string;
  /** Null: the tenant's, shared by every agent; else one agent's own. */
  owner_id: string | null;
  /** What follows `/` in the reply box. */
  shortcut: string;
  title: string;
  /** May hold `{customerName}`, `{orderNumber}`, `{agentName}`…, filled when inserted. */
  body: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AssistSuggestionsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  user_id: string | null;
  /** The visitor message the suggestion answered. */
  message_id: string | null;
  kind: AssistSuggestionKind;
  ref_id: string | null;
  title: Generated<string>;
  body: string;
  rank: number;
  score: number | null;
  shown_at: CreatedAt;
  used_at: NullableTimestamp;
}

export interface HandoffTables {
  agent_profiles: AgentProfilesTable;
  handoff_requests: HandoffRequestsTable;
  canned_replies: CannedRepliesTable;
  assist_suggestions: AssistSuggestionsTable;
}

/** The database seen by the handoff module (migration 0015 on top of the ticket tables it routes with). */
export type HandoffDatabase = TicketDatabase & HandoffTables;

export function handoffDatabase(db: Kysely<Database>): Kysely<HandoffDatabase> {
  return db as unknown as Kysely<HandoffDatabase>;
}

export type AgentProfileRow = Selectable<AgentProfilesTable>;
export type HandoffRequestRow = Selectable<HandoffRequestsTable>;
export type CannedReplyRow = Selectable<CannedRepliesTable>;
export type AssistSuggestionRow = Selectable<AssistSuggestionsTable>;
