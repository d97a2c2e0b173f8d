import type { Conversation } from '../api/api-types.js';
import { assignmentOf } from './assignment-of.js';

/** Quick views over the loaded list: everything, only what waits for a human, or only the agent's own. */
export type InboxView = 'all' | 'handoff' | 'mine';

const matches: Record<InboxView, (conversation: Conversation, userId: string) => boolean> = {
  all: () => true,
  handoff: (conversation) => conversation.handoff && conversation.status === 'open',
  mine: (conversation, userId) => assignmentOf(conversation, userId) === 'mine',
};

/**
 * The conversations a view shows, in the list's order.
 * @example applyInboxView(list.items, 'handoff', user.id) // only open conversations handed to a human
 */
export function applyInboxView(items: readonly Conversation[], view: InboxView, userId: string): Conversation[] {
  return items.filter((conversation) => matches[view](conversation, userId));
}

/** How many conversations each view would show, for the counters on the view switch. */
export function countInboxViews(items: readonly Conversation[], userId: string): Record<InboxView, number> {
  return {
    all: items.length,
    handoff: applyInboxView(items, 'handoff', userId).length,
    mine: applyInboxView(items, 'mine', userId).length,
  };
}
