import type { Conversation, Message, SenderType, SlaClockName } from '../api/api-types.js';
import type { AgentPresenceChangedEvent, HandoffAlertEvent, HandoffChangedEvent } from '../supervisor/supervisor-api-types.js';

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
  /** A high-risk or angry visitor asked for a human (supervisors only; docs/design/handoff.md, Realtime). */
  'handoff.alert': (event: HandoffAlertEvent) => void;
  /** An agent went online/away/offline or their chat load changed. */
  'agent.presence_changed': (event: AgentPresenceChangedEvent) => void;
  /** A handoff request moved (also declared by the workspace branch: keep one on merge). */
  'handoff.changed': (event: HandoffChangedEvent) => void;
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
}
