import type { SlaPolicyRow, TicketPriority } from '../ticket-schema.js';

/** What a policy's conditions look at. */
export interface SlaPolicySubject {
  priority: TicketPriority;
  /** The ticket category's key; null for an uncategorised ticket (matches only policies without category keys). */
  categoryKey: string | null;
}

/**
 * The first active policy, by position, whose every non-empty condition matches: an empty
 * `priorities` or `category_keys` list means "any". Ties in position go to the older policy, so
 * the choice never flips between two reads.
 *
 * @example
 * matchSlaPolicy(policies, { priority: 'P1', categoryKey: 'complaint' })?.name; // '投诉加急'
 */
export function matchSlaPolicy<P extends Pick<SlaPolicyRow, 'position' | 'created_at' | 'id' | 'active' | 'priorities' | 'category_keys'>>(
  policies: readonly P[],
  subject: SlaPolicySubject,
): P | null {
  const ordered = [...policies].sort(
    (a, b) => a.position - b.position || new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id),
  );
  for (const policy of ordered) {
    if (!policy.active) continue;
    if (policy.priorities.length > 0 && !policy.priorities.includes(subject.priority)) continue;
    if (policy.category_keys.length > 0 && (subject.categoryKey === null || !policy.category_keys.includes(subject.categoryKey))) continue;
    return policy;
  }
  return null;
}
