import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb columns are written as JSON text (both backends parse it) and read as parsed values. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export type TicketPriority = 'P1' | 'P2' | 'P3' | 'P4';
export type TicketStatus = 'new' | 'open' | 'pending_customer' | 'resolved' | 'closed';
export type TicketChannel = 'widget' | 'chat' | 'console' | 'api';
export type TicketActorType = 'customer' | 'agent' | 'system' | 'bot' | 'api';
export type SlaClock = 'first_response' | 'next_response' | 'resolution';
export type SlaAlertLevel = 'warning' | 'breach';

/** `"HH:MM"` pairs; `[["09:00","12:00"],["13:30","18:00"]]` is a day with a lunch break. */
export type WorkingWindows = [string, string][];
/** Keys "0" (Sunday) … "6" (Saturday); a missing or empty day is closed. */
export type WeeklyHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', WorkingWindows>>;
/** A tenant's own closure (company outing, a local holiday), days inclusive, `YYYY-MM-DD`. */
export interface CalendarClosure {
  from: string;
  to: string;
  name: string;
}

export interface BusinessCalendarsTable {
  id: string;
  tenant_id: string;
  name: string;
  timezone: Generated<string>;
  weekly_hours: Json<WeeklyHours>;
  /** China's public holidays are closed and its 调休 weekend days open (with Monday's windows). */
  follow_china_holidays: Generated<boolean>;
  closures: JsonDefault<CalendarClosure[]>;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** A department / group of agents; tickets and (later) the chat handoff queue route to groups. */
export interface AgentGroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: Generated<string>;
  /** Null: the tenant's default calendar. */
  calendar_id: string | null;
  created_at: CreatedAt;
  /** Migration 0015: chats are routed to this group too (not only tickets). */
  handles_chat: Generated<boolean>;
  /** Skills an agent needs for a chat routed to this group (e.g. ["信用卡"]). */
  chat_skills: JsonDefault<string[]>;
  /** Bot intents whose handoffs this group takes (exact names); see handoff/README.md. */
  chat_intents: JsonDefault<string[]>;
  /** The tenant's group for a handoff no intent names (at most one per tenant). */
  is_chat_default: Generated<boolean>;
  /** An offer not accepted within this many seconds goes to the next agent. */
  offer_timeout_seconds: Generated<number>;
}

export interface AgentGroupMembersTable {
  tenant_id: string;
  group_id: string;
  user_id: string;
  is_supervisor: Generated<boolean>;
  /** Open tickets (new/open/pending_customer) this member may hold at once. */
  max_open_tickets: Generated<number>;
  on_duty: Generated<boolean>;
  created_at: CreatedAt;
  /** Migration 0013: when the person was last assigned work automatically (round-robin among equals). */
  last_assigned_at: NullableTimestamp;
}

/** One extra field a category asks for; values are validated with zod built from these. */
export interface TicketFieldDefinition {
  key: string;
  label: string;
  type: 'text' | 'phone' | 'order_number' | 'date' | 'number' | 'select';
  required: boolean;
  options?: string[];
}

export interface TicketCategoriesTable {
  id: string;
  tenant_id: string;
  /** Stable key from the template (`return_exchange`); what rules, policies and the classifier name. */
  key: string;
  name: string;
  description: Generated<string>;
  fields: JsonDefault<TicketFieldDefinition[]>;
  /** Ticket texts of this category, the classifier's training data (plus agents' corrections). */
  examples: JsonDefault<string[]>;
  default_group_id: string | null;
  default_priority: Generated<TicketPriority>;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

/** First active rule (by position) whose every non-empty condition matches wins. */
export interface TicketRoutingRulesTable {
  id: string;
  tenant_id: string;
  name: string;
  position: Generated<number>;
  category_keys: JsonDefault<string[]>;
  keywords: JsonDefault<string[]>;
  customer_tiers: JsonDefault<string[]>;
  group_id: string;
  priority: TicketPriority | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

/** First active policy (by position) whose every non-empty condition matches applies; targets in business minutes. */
export interface SlaPoliciesTable {
  id: string;
  tenant_id: string;
  name: string;
  position: Generated<number>;
  priorities: JsonDefault<TicketPriority[]>;
  category_keys: JsonDefault<string[]>;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  /** On breach the ticket moves to this group (null: stays). */
  escalate_group_id: string | null;
  /** Null: the ticket group's calendar, else the tenant's default. */
  calendar_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface TicketClassification {
  categoryKey: string | null;
  confidence: number;
  priority: TicketPriority;
  /** Who decided the category: the customer picked it, the NLU classifier, a routing rule, an agent. */
  source: 'customer' | 'nlu' | 'rule' | 'agent';
}

export interface TicketsTable {
  id: string;
  tenant_id: string;
  /** `GD` + China date + daily sequence, e.g. `GD202612060007`. */
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  category_id: string | null;
  /** Null with needs_triage: the triage queue. */
  group_id: string | null;
  assignee_id: string | null;
  needs_triage: Generated<boolean>;
  channel: TicketChannel;
  conversation_id: string | null;
  visitor_id: string | null;
  /** The verified customer id (widget HMAC identity, or given by an API client). */
  customer_ref: string | null;
  customer_tier: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  fields: JsonDefault<Record<string, string | number>>;
  classification: Json<TicketClassification | null> | null;
  sla_policy_id: string | null;
  first_response_due_at: NullableTimestamp;
  next_response_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  first_responded_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  /** The earliest open SLA warning point or deadline (or the auto-close time of a resolved ticket): the scheduler's index. */
  escalation_at: NullableTimestamp;
  breached: Generated<boolean>;
  merged_into_id: string | null;
  /** Segmented words of subject, description, number and contact, for search. */
  search_text: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/**
 * The append-only history of a ticket. `type` is one of TicketEventType; `public` events are what
 * the customer's progress view shows.
 */
/** One token of a ticket's search_text (migration 0016): what the search box looks tickets up by. */
export interface TicketSearchTokensTable {
  tenant_id: string;
  ticket_id: string;
  token: string;
}

export interface TicketEventsTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  seq: number;
  type: string;
  actor_type: TicketActorType;
  actor_id: string | null;
  public: Generated<boolean>;
  body: string | null;
  data: JsonDefault<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface TicketAttachmentsTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  event_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: 'customer' | 'agent' | 'bot' | 'api';
  created_at: CreatedAt;
}

/** One row per clock × level × deadline: the primary key is what makes each warning and breach fire once. */
export interface TicketSlaAlertsTable {
  tenant_id: string;
  ticket_id: string;
  clock: SlaClock;
  level: SlaAlertLevel;
  due_at: Date;
  /** The start of the clock run the alert belongs to (migration 0014): the key, so a moved deadline does not fire again. */
  run_started_at: Date;
  fired_at: CreatedAt;
}

/** An agent's category correction, kept as training data for the tenant's classifier. */
export interface TicketTrainingExamplesTable {
  id: string;
  tenant_id: string;
  category_key: string;
  text: string;
  ticket_id: string | null;
  created_at: CreatedAt;
}

export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  /** Sealed with the app's SecretBox; the plain `whsec_…` is shown once on creation. */
  secret: string;
  /** Empty: every event type. */
  event_types: JsonDefault<string[]>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'delivering' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  locked_until: NullableTimestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: NullableTimestamp;
}

export interface TicketTables {
  business_calendars: BusinessCalendarsTable;
  agent_groups: AgentGroupsTable;
  agent_group_members: AgentGroupMembersTable;
  ticket_categories: TicketCategoriesTable;
  ticket_routing_rules: TicketRoutingRulesTable;
  sla_policies: SlaPoliciesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_sla_alerts: TicketSlaAlertsTable;
  ticket_search_tokens: TicketSearchTokensTable;
  ticket_training_examples: TicketTrainingExamplesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

/** The database seen by the tickets, routing, SLA and webhook modules (tables of migration 0012). */
export type TicketDatabase = Database & TicketTables;

export function ticketDatabase(db: Kysely<Database>): Kysely<TicketDatabase> {
  return db as unknown as Kysely<TicketDatabase>;
}

export type TicketRow = Selectable<TicketsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type BusinessCalendarRow = Selectable<BusinessCalendarsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
