// Wire types of docs/design/handoff.md ("Staff API", "Realtime"), the agent side. Like
// api/api-types.ts they mirror the contract, not server code (which must stay out of the bundle).
import type { Conversation, ConversationChannel, Message } from '../api/api-types.js';

export type AgentPresence = 'online' | 'away' | 'offline';
export type HandoffReason = 'user_request' | 'high_risk' | 'anger' | 'repeated_failure' | 'flow' | 'transfer';
export type HandoffStatus = 'queued' | 'offered' | 'assigned' | 'ended' | 'unavailable' | 'left_message' | 'cancelled';
export type Disposition = 'resolved' | 'needs_ticket' | 'spam';
export const DISPOSITIONS: readonly Disposition[] = ['resolved', 'needs_ticket', 'spam'];

/** `GET /agents/me`, and what `PUT /agents/me/presence` answers. */
export interface AgentMe {
  userId: string;
  name: string;
  presence: AgentPresence;
  maxChats: number;
  skills: string[];
  activeChats: number;
  groups: Array<{ id: string; name: string; isSupervisor: boolean }>;
}

/** One profile of `GET /agents` (the transfer and invite pickers). */
export interface AgentProfile {
  userId: string;
  name: string;
  presence: AgentPresence;
  activeChats: number;
  maxChats: number;
  skills: string[];
}

/** One request as the queue views show it (`GET /handoff/queue`, `/handoff/mine`, accept, transfer…). */
export interface HandoffQueueItem {
  id: string;
  conversationId: string;
  /** Where the customer came in; older servers leave it out (read as web). */
  channel?: ConversationChannel;
  visitorName: string | null;
  verified: boolean;
  groupId: string | null;
  groupName: string | null;
  reason: HandoffReason;
  priority: number;
  status: HandoffStatus;
  offeredTo: string | null;
  offerExpiresAt: string | null;
  assignedTo: string | null;
  queuedAt: string;
  waitSeconds: number;
  /** Waiting requests of the group served before this one; null once it is no longer waiting. */
  ahead: number | null;
  /** The visitor's latest message, shortened (the context has the full summary). */
  summary: string;
  transferNote: string | null;
}

/** One row of `GET /handoff/mine`: offers to me (`offered`) and my chats (`assigned`). */
export type HandoffMineItem = HandoffQueueItem;

/** Socket `handoff.offer`, to the offered agent's user room. */
export interface HandoffOfferEvent {
  requestId: string;
  conversationId: string;
  reason: HandoffReason;
  priority: number;
  /** Always set for an offer; typed as the server declares it. */
  offerExpiresAt: string | null;
  visitorName: string | null;
  summary: string;
  /** Where the customer came in; older servers leave it out (read as web). */
  channel?: ConversationChannel;
}

/** Socket `handoff.changed` (tenant room): the `handoff.changed` domain event's payload. */
export interface HandoffChangedEvent {
  tenantId: string;
  requestId: string;
  conversationId: string;
  status: HandoffStatus;
  reason: HandoffReason;
  priority: number;
  groupId: string | null;
  offeredTo: string | null;
  assignedTo: string | null;
  offerExpiresAt: string | null;
}

/** Socket `handoff.invite`, to the invited user's room. */
export interface HandoffInviteEvent {
  conversationId: string;
  fromUserId: string | null;
  fromName: string | null;
  note: string | null;
  /** The internal note the invite wrote. */
  messageId: string;
}

/** A message as staff see it: internal notes carry `internal: true` and never reach the visitor. */
export type StaffMessage = Message & { internal?: boolean };

export interface CustomerRecord {
  kind: string;
  title: string;
  fields: Record<string, string>;
}

export interface CustomerTicketRef {
  id: string;
  number: string;
  status: string;
  title: string;
  createdAt: string;
}

export interface ConversationUnderstanding {
  intent: string | null;
  intentLabel: string | null;
  confidence: number | null;
  flowId: string | null;
  step: string | null;
  slots: Record<string, unknown>;
  emotions: Array<{ seq: number; label: string }>;
  risk: { level: string; reasons: string[] };
  handoffReason: HandoffReason | null;
  locale: string | null;
}

/** `GET /conversations/:id/context`. */
/** What `POST /conversations/:id/context/reveal` gives back unmasked. */
export interface RevealedContext {
  summary: string;
  slots: Record<string, unknown>;
  records: CustomerRecord[];
  transferNote: string | null;
}

export interface ConversationContext {
  conversation: Conversation;
  messages: StaffMessage[];
  customer: {
    visitorId: string;
    name: string | null;
    verified: boolean;
    externalId: string | null;
    records: CustomerRecord[];
    tickets: CustomerTicketRef[];
  };
  understanding: ConversationUnderstanding;
  handoff: {
    requestId: string;
    status: HandoffStatus;
    reason: HandoffReason;
    priority: number;
    groupId: string | null;
    groupName: string | null;
    queuedAt: string;
    assignedTo: string | null;
    transferNote: string | null;
  } | null;
  summary: string;
}

export type AssistSuggestionKind = 'faq' | 'article' | 'passage' | 'similar_conversation' | 'similar_ticket' | 'canned' | 'empathy';

/** One item of `GET /conversations/:id/assist`. */
export interface AssistSuggestion {
  id: string;
  kind: AssistSuggestionKind;
  title: string;
  body: string;
  refId: string | null;
  score: number | null;
  /** Document passages: opens the document at the passage. */
  link?: string;
}

/** One item of `GET /assist/search?q=` (the `/` menu): canned replies, FAQs, articles. */
export interface AssistSearchHit {
  kind: 'canned' | 'faq' | 'article';
  id: string;
  title: string;
  body: string;
  /** Canned replies only: what follows `/`. */
  shortcut?: string | null;
}

/** One action of `GET /conversations/:id/actions`: a self-service action the tenant's flows use. */
export interface AgentAction {
  /** `orders.get`, `returns.create`… */
  name: string;
  /** The flows that call it. */
  usedBy: string[];
  /** JSON Schema of the args, as the executor reads them. */
  args: JsonObjectSchema;
}

export interface JsonObjectSchema {
  type?: string;
  properties?: Record<string, JsonFieldSchema>;
  required?: string[];
}

export interface JsonFieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

/** `POST /conversations/:id/actions`: the executor's outcome; a business refusal is `ok: false` with a 200. */
export interface AgentActionResult {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string; retryAfterSeconds?: number };
}

/** `GET /canned-replies/:id/render`: variables without a value (`missing`) or unknown stay in `text` as written. */
export interface RenderedCannedReply {
  text: string;
  missing: string[];
  unknown: string[];
}

export interface TransferInput {
  toUserId?: string;
  toGroupId?: string;
  note: string;
}
