import { EventEmitter } from 'node:events';
import type { ConversationDto, MessageDto } from '../conversations/conversation-dto.js';

/** Every in-process event, with its payload type. Realtime fan-out, analytics and webhooks subscribe here. */
export interface DomainEventMap {
  'message.created': { tenantId: string; message: MessageDto };
  'conversation.updated': { tenantId: string; conversation: ConversationDto };
  'typing.changed': { tenantId: string; conversationId: string; senderType: 'visitor' | 'agent' | 'bot'; isTyping: boolean };
  'user.sessions_revoked': { tenantId: string; userId: string; keepSessionId: string | null };
  /** After the transaction that changed a ticket committed; the realtime gateway tells staff and the owning visitor to refetch. */
  'ticket.changed': { tenantId: string; ticketId: string; visitorId: string | null; customerRef: string | null; eventType: string; /** The GD… number, for the live notice (optional so every emitter need not read it). */ number?: string };
  /** An SLA warning (80 %) or breach fired for a ticket, after its transaction committed; the console alerts the assignee and the group's supervisors. */
  'ticket.sla_alert': { tenantId: string; ticketId: string; number: string; level: 'warning' | 'breach'; clock: 'first_response' | 'next_response' | 'resolution'; assigneeId: string | null; groupId: string | null };
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
