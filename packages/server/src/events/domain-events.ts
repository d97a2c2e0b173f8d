import { EventEmitter } from 'node:events';
import type { ConversationDto, MessageDto } from '../conversations/conversation-dto.js';
import type { AgentPresence, HandoffReason, HandoffStatus } from '../handoff/handoff-schema.js';
import type { TurnRecord } from '@zhida/dialogue';
import type { CallDto } from '../calls/call-dto.js';
import type { ConversationChannel } from '../db/schema.js';

/** Where a self-service flow stands: its id and the step it waits in. */
export interface FlowPosition {
  flowId: string;
  stepId: string;
}

/** What the widget shows about a conversation's way to a human. */
export interface VisitorHandoffStatus {
  state: 'none' | 'waiting' | 'connected' | 'unavailable' | 'left_message' | 'ended';
  /** Waiting: how many are ahead (0 = next). */
  ahead: number | null;
  /** Waiting: estimated seconds until an agent joins, from recent handling times. */
  etaSeconds: number | null;
  /** Connected: the agent's display name. */
  agentName: string | null;
  /** Unavailable: why, in the visitor's language (outside hours with the hours, or nobody online). */
  message: string | null;
}

/** Every in-process event, with its payload type. Realtime fan-out, analytics and webhooks subscribe here. */
export interface DomainEventMap {
  /** `channel`: the conversation's, when the emitter has it at hand (the bot's turn does); a listener for one channel may skip the others' messages. */
  'message.created': { tenantId: string; message: MessageDto; channel?: ConversationChannel };
  'conversation.updated': { tenantId: string; conversation: ConversationDto };
  'typing.changed': { tenantId: string; conversationId: string; senderType: 'visitor' | 'agent' | 'bot'; isTyping: boolean };
  /**
   * A handoff request changed (queued, offered, accepted, declined/expired, transferred, ended…), after its transaction
   * committed. The gateway tells the tenant's agents (queue views), the offered agent (`handoff.offer`), the group's
   * supervisors on a high-risk request (`handoff.alert`) and the visitor (`handoff.status`, with position and wait).
   */
  'handoff.changed': { tenantId: string; requestId: string; conversationId: string; status: HandoffStatus; reason: HandoffReason; priority: number; groupId: string | null; offeredTo: string | null; assignedTo: string | null; offerExpiresAt: string | null };
  /** The visitor-facing queue state of a conversation (position, estimated wait, the agent who joined). Recomputed for every waiting conversation of a group when its queue moves. */
  'handoff.visitor_status': { tenantId: string; conversationId: string; status: VisitorHandoffStatus };
  /** An agent's presence or load changed (supervisor view). */
  'agent.presence_changed': { tenantId: string; userId: string; presence: AgentPresence; activeChats: number; maxChats: number };
  /** After commit: a chat was offered to `userId` (the gateway's `handoff.offer` to that agent's room). */
  'handoff.offered': { tenantId: string; userId: string; offer: { requestId: string; conversationId: string; reason: HandoffReason; priority: number; offerExpiresAt: string | null; visitorName: string | null; summary: string; channel: ConversationChannel } };
  /** A new high-risk (0) or angry (1) request: the group's supervisors (or every supervising staff member) get `handoff.alert`. */
  'handoff.alert': { tenantId: string; userIds: string[]; alert: { requestId: string; conversationId: string; reason: HandoffReason; priority: number; summary: string; channel: ConversationChannel } };
  /** An agent invited a colleague into a conversation (`handoff.invite` to the invited user's room). */
  'handoff.invite': { tenantId: string; userId: string; invite: { conversationId: string; fromUserId: string | null; fromName: string | null; note: string | null; messageId: string } };
  'user.sessions_revoked': { tenantId: string; userId: string; keepSessionId: string | null };
  /** After the transaction that changed a ticket committed; the realtime gateway tells staff and the owning visitor to refetch. */
  'ticket.changed': { tenantId: string; ticketId: string; visitorId: string | null; customerRef: string | null; eventType: string; /** The GD… number, for the live notice (optional so every emitter need not read it). */ number?: string };
  /** An SLA warning (80 %) or breach fired for a ticket, after its transaction committed; the console alerts the assignee and the group's supervisors. */
  /** After the transaction that imported, re-imported or deleted a document, or switched a passage, committed: the answer side rebuilds the tenant's passage index. */
  'documents.changed': { tenantId: string };
  'ticket.sla_alert': { tenantId: string; ticketId: string; number: string; level: 'warning' | 'breach'; clock: 'first_response' | 'next_response' | 'resolution'; assigneeId: string | null; groupId: string | null };
  /**
   * After a bot turn was stored: what the visitor asked (raw; analytics masks it), each turn record the dialogue produced
   * (one per reply batch: a connector call adds a second), and the flow position before and after. Analytics records it.
   */
  'bot.turn': { tenantId: string; conversationId: string; visitorId: string; question: string; records: TurnRecord[]; flowBefore: FlowPosition | null; flowAfter: FlowPosition | null; handoffReason: string | null; at: string };
  /** A customer rated a conversation (or, `survey: 'follow_up'`, how a 回访 was handled): stars 1–5, after commit. */
  'rating.submitted': { tenantId: string; conversationId: string | null; ratingId: string; stars: number; tags: string[]; comment: string | null; survey: 'conversation' | 'follow_up'; agentId: string | null; groupId: string | null; at: string };
  /** The widget showed a rating survey (response rate = ratings ÷ surveys shown). */
  'rating.requested': { tenantId: string; conversationId: string; survey: 'conversation' | 'follow_up'; at: string };
  /** 有帮助 / 没帮助 on one bot answer. */
  'answer.feedback': { tenantId: string; conversationId: string; messageId: string; helpful: boolean; faqId: string | null; intent: string | null; at: string };
  /** 猜你想办 shown: the items in order, the experiment arm, where. `visitorKey` is the hashed visitor. */
  'recommendation.shown': { tenantId: string; conversationId: string | null; visitorKey: string; experimentId: string | null; variant: string; items: string[]; placement: 'welcome' | 'after_task' | 'page'; at: string };
  'recommendation.clicked': { tenantId: string; conversationId: string | null; visitorKey: string; experimentId: string | null; variant: string; item: string; placement: 'welcome' | 'after_task' | 'page'; at: string };
  /** A self-service search (the widget's search box); `query` raw (analytics masks it). */
  'search.performed': { tenantId: string; visitorId: string | null; conversationId: string | null; query: string; results: number; at: string };
  /** A video/audio call changed state (ringing, connected, ended…), after commit: both parties' sockets hear `call.state`; analytics records it. */
  'call.changed': { tenantId: string; call: CallDto };
  'search.clicked': { tenantId: string; visitorId: string | null; conversationId: string | null; query: string; resultId: string; faqId: string | null; at: string };
}

export type DomainEventName = keyof DomainEventMap;

export class DomainEvents {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  on<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }
}
