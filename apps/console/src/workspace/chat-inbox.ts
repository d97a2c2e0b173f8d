import type { Conversation } from '../api/api-types.js';
import type { StaffedChat } from './workspace-reducer.js';

/** What the 工作台 needs from the console-wide inbox: its copies of my chats and their unread counts. */
export interface ChatInbox {
  conversations: readonly Conversation[];
  unread: Readonly<Record<string, number>>;
}

/**
 * Narrows the inbox to the agent's staffed chats, keeping `previous` when nothing of theirs changed, so a
 * push about someone else's conversation (every new visitor brings several) does not redraw the workspace.
 * @example chatInbox([{ conversationId: 'c1', ... }], items, { c1: 2, c9: 5 }, previous) // { conversations: [c1], unread: { c1: 2 } }
 */
export function chatInbox(
  chats: readonly StaffedChat[],
  items: readonly Conversation[],
  unread: Readonly<Record<string, number>>,
  previous: ChatInbox | null,
): ChatInbox {
  const mine = new Set(chats.map((chat) => chat.conversationId));
  const conversations = items.filter((conversation) => mine.has(conversation.id));
  const counts: Record<string, number> = {};
  for (const id of mine) if (unread[id]) counts[id] = unread[id];
  if (!previous) return { conversations, unread: counts };
  // The inbox reducer replaces a conversation object only when it changed, so identity is the test.
  const sameConversations = conversations.length === previous.conversations.length && conversations.every((c, i) => c === previous.conversations[i]);
  const previousKeys = Object.keys(previous.unread);
  const sameUnread = previousKeys.length === Object.keys(counts).length && previousKeys.every((id) => previous.unread[id] === counts[id]);
  if (sameConversations && sameUnread) return previous;
  return { conversations: sameConversations ? previous.conversations : conversations, unread: sameUnread ? previous.unread : counts };
}
