import type { Conversation } from '../api/api-types.js';

export type Assignment = 'mine' | 'other' | 'none';

/**
 * Whose conversation this is from the signed-in agent's point of view.
 * @example assignmentOf(conversation, user.id) // 'mine' after the agent replied or took it over
 */
export function assignmentOf(conversation: Pick<Conversation, 'assigneeId'>, userId: string): Assignment {
  if (conversation.assigneeId === null) return 'none';
  return conversation.assigneeId === userId ? 'mine' : 'other';
}
