import type { StaffMessage } from './workspace-api-types.js';

/**
 * The visitor message the assist panel should answer: the newest one from the visitor. The panel
 * refetches whenever this changes, i.e. on each new visitor message and never on agent replies.
 * @example latestVisitorMessageId(messages) // 'm-42'
 */
export function latestVisitorMessageId(messages: readonly StaffMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && message.senderType === 'visitor' && !message.internal) return message.id;
  }
  return null;
}
