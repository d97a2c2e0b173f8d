import type { Role } from '../api/api-types.js';

/** Actions whose controls the console shows or hides by role. */
export type ConsoleAction = 'conversations.reply' | 'conversations.update' | 'kb.write' | 'tickets.read' | 'tickets.write' | 'tickets.admin' | 'handoff.supervise' | 'users.manage' | 'analytics.read' | 'analytics.manage' | 'privacy.manage' | 'pii.reveal';

// Mirrors the server's grants (packages/server/src/auth/permissions.ts). The
// server enforces them; the console only avoids offering buttons that would 403.
const grants: Record<Role, readonly ConsoleAction[]> = {
  admin: ['conversations.reply', 'conversations.update', 'kb.write', 'tickets.read', 'tickets.write', 'tickets.admin', 'handoff.supervise', 'users.manage', 'analytics.read', 'analytics.manage', 'privacy.manage', 'pii.reveal'],
  supervisor: ['conversations.reply', 'conversations.update', 'kb.write', 'tickets.read', 'tickets.write', 'handoff.supervise', 'analytics.read', 'analytics.manage', 'pii.reveal'],
  agent: ['conversations.reply', 'conversations.update', 'tickets.read', 'tickets.write'],
  analyst: ['tickets.read', 'analytics.read'],
};

/**
 * Whether a role may perform an action.
 * @example roleCan(user.role, 'kb.write') // false for agents: the FAQ screen is read-only
 */
export function roleCan(role: Role, action: ConsoleAction): boolean {
  return grants[role].includes(action);
}
