import type { WorkspaceState } from './workspace-reducer.js';

/**
 * The number on the 工作台 navigation entry: offers waiting for an answer plus unread visitor
 * messages in the chats this agent staffs (other conversations' unread stay on 会话).
 * @example workspaceBadge({ offers: [offer], chats: [chatC1] }, { c1: 2, c9: 5 }) // 3
 */
export function workspaceBadge(state: WorkspaceState, unread: Readonly<Record<string, number>>): number {
  return state.offers.length + state.chats.reduce((sum, chat) => sum + (unread[chat.conversationId] ?? 0), 0);
}
