import type { CannedReply, CannedReplyScope } from './agent-admin-api-types.js';

export interface CannedReplyFilter {
  scope: CannedReplyScope | 'all';
  /** Matched against the shortcut (with or without its `/`), the title and the body, ignoring case. */
  q: string;
}

/**
 * The replies a filter shows, tenant-wide ones first and then by shortcut.
 * @example filterCannedReplies(replies, { scope: 'all', q: '/hi' })
 */
export function filterCannedReplies(items: readonly CannedReply[], filter: CannedReplyFilter): CannedReply[] {
  const q = filter.q.normalize('NFKC').trim().toLocaleLowerCase();
  const needle = q.replace(/^\//, '');
  return items
    .filter((reply) => filter.scope === 'all' || reply.scope === filter.scope)
    .filter((reply) => !needle || [reply.shortcut, reply.title, reply.body].some((field) => field.toLocaleLowerCase().includes(needle)))
    .sort((a, b) => Number(a.scope === 'personal') - Number(b.scope === 'personal') || a.shortcut.localeCompare(b.shortcut));
}

/**
 * Whether the signed-in user may change a reply: the tenant's need `kb.write`, a personal one
 * only its owner.
 */
export function canEditCannedReply(reply: CannedReply, userId: string, canWriteTenant: boolean): boolean {
  return reply.scope === 'tenant' ? canWriteTenant : reply.ownerId === userId;
}
