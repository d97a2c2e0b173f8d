import type { Role } from '../db/schema.js';

export const ROLES = ['admin', 'supervisor', 'agent', 'analyst'] as const satisfies readonly Role[];

export type Permission =
  | 'conversations.read'
  | 'conversations.reply'
  | 'conversations.update'
  | 'kb.read'
  | 'kb.write'
  | 'users.read'
  | 'users.manage'
  | 'apikeys.manage'
  | 'settings.manage'
  | 'nlu.parse'
  | 'tickets.read'
  | 'tickets.write'
  /** Groups, categories, routing rules, SLA policies, calendars, webhooks. */
  | 'tickets.admin'
  /** The live view of queues and agents; take over or reassign any chat; high-risk alerts. */
  | 'handoff.supervise'
  /** The 数据看板: dashboards and exports (read-only; analytics has nothing to write). */
  | 'analytics.read'
  /** Recommendation experiments and bottleneck findings: create/stop experiments, dismiss or mark findings done (analysts only read). */
  | 'analytics.manage'
  /** Privacy settings, data subjects' requests (export, delete, anonymise), retention reports. */
  | 'privacy.manage'
  /** See ID and bank card numbers unmasked (each reveal is audited). */
  | 'pii.reveal';

/** Who may do what, in one place: routes declare the permission they need and nothing else. */
const grants: Record<Role, readonly Permission[]> = {
  admin: ['conversations.read', 'conversations.reply', 'conversations.update', 'kb.read', 'kb.write', 'users.read', 'users.manage', 'apikeys.manage', 'settings.manage', 'nlu.parse', 'tickets.read', 'tickets.write', 'tickets.admin', 'handoff.supervise', 'analytics.read', 'analytics.manage', 'privacy.manage', 'pii.reveal'],
  supervisor: ['conversations.read', 'conversations.reply', 'conversations.update', 'kb.read', 'kb.write', 'users.read', 'nlu.parse', 'tickets.read', 'tickets.write', 'handoff.supervise', 'analytics.read', 'analytics.manage', 'pii.reveal'],
  agent: ['conversations.read', 'conversations.reply', 'conversations.update', 'kb.read', 'nlu.parse', 'tickets.read', 'tickets.write'],
  analyst: ['conversations.read', 'kb.read', 'nlu.parse', 'tickets.read', 'analytics.read'],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}
