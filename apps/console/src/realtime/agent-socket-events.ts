import type { Conversation, Message, SenderType, SlaClockName } from '../api/api-types.js';
import type { AgentPresenceChangedEvent, HandoffAlertEvent } from '../supervisor/supervisor-api-types.js';
import type { HandoffChangedEvent, HandoffInviteEvent, HandoffOfferEvent } from '../workspace/workspace-api-types.js';
import type { CallDto, CallErrorEvent, CallSignal } from '../calls/call-types.js';

export interface AgentTypingEvent {
  conversationId: string;
  senderType: SenderType;
  isTyping: boolean;
}

/** Events the server pushes on the `/agent` namespace (docs/api-contract.md, Realtime). */
export interface AgentServerEvents {
  message: (message: Message) => void;
  'conversation.updated': (conversation: Conversation) => void;
  typing: (event: AgentTypingEvent) => void;
  /** A ticket changed (docs/design/tickets.md, Realtime): refetch it. */
  'ticket.changed': (event: TicketChangedEvent) => void;
  /** An SLA clock of a ticket reached its warning point (80 %) or its deadline. */
  'ticket.sla_alert': (event: TicketSlaAlertEvent) => void;
  /** A handoff request changed (docs/design/handoff.md, Realtime): queue views refetch. */
  'handoff.changed': (event: HandoffChangedEvent) => void;
  /** A chat is offered to this agent, until `offerExpiresAt`. */
  'handoff.offer': (event: HandoffOfferEvent) => void;
  /** A colleague invited this user into a chat. */
  'handoff.invite': (event: HandoffInviteEvent) => void;
  /** A high-risk or angry visitor asked for a human (supervisors only; docs/design/handoff.md, Realtime). */
  'handoff.alert': (event: HandoffAlertEvent) => void;
  /** An agent went online/away/offline or their chat load changed. */
  'agent.presence_changed': (event: AgentPresenceChangedEvent) => void;
  /** A call this agent started changed state (#15). */
  'call.state': (call: CallDto) => void;
  /** WebRTC signalling from the visitor of this agent's call. */
  'call.signal': (signal: CallSignal & { from: 'agent' | 'visitor' }) => void;
  /** A signal of ours was refused (not a party, call over, malformed). */
  'call.error': (event: CallErrorEvent) => void;
}

export interface TicketChangedEvent {
  ticketId: string;
  number?: string;
}

export interface TicketSlaAlertEvent {
  ticketId?: string;
  number: string;
  level: 'warning' | 'breach';
  clock: SlaClockName;
}

/** Events the console sends on the `/agent` namespace. */
export interface AgentClientEvents {
  typing: (event: { conversationId: string; isTyping: boolean }) => void;
  'call.signal': (signal: CallSignal) => void;
}
