import type { Conversation, Message, SenderType } from '../api/api-types.js';

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
}

/** Events the console sends on the `/agent` namespace. */
export interface AgentClientEvents {
  typing: (event: { conversationId: string; isTyping: boolean }) => void;
}
