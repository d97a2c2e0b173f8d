import { useMemo, useRef } from 'react';
import type { Conversation } from '../api/api-types.js';
import { chatInbox, type ChatInbox } from './chat-inbox.js';
import type { StaffedChat } from './workspace-reducer.js';

/** The inbox narrowed to the agent's chats, the same object until one of them changes (see `chatInbox`). */
export function useChatInbox(chats: readonly StaffedChat[], items: readonly Conversation[], unread: Readonly<Record<string, number>>): ChatInbox {
  const previous = useRef<ChatInbox | null>(null);
  return useMemo(() => {
    previous.current = chatInbox(chats, items, unread, previous.current);
    return previous.current;
  }, [chats, items, unread]);
}
