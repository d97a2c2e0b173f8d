import { describe, expect, it } from 'vitest';
import type { TicketPriority } from '../ticket-schema.js';
import { matchSlaPolicy } from './sla-policy-matcher.js';

const at = new Date('2026-12-01T00:00:00Z');
function policy(id: string, position: number, priorities: TicketPriority[], categoryKeys: string[], active = true) {
  return { id, position, priorities, category_keys: categoryKeys, active, created_at: at };
}

describe('matchSlaPolicy', () => {
  const policies = [
    policy('catch-all', 9, [], []),
    policy('urgent-complaints', 1, ['P1', 'P2'], ['complaint']),
    policy('any-p1', 2, ['P1'], []),
    policy('returns', 3, [], ['return_exchange']),
    policy('retired', 0, [], [], false),
  ];

  it('takes the first active policy by position whose conditions all match', () => {
    expect(matchSlaPolicy(policies, { priority: 'P1', categoryKey: 'complaint' })?.id).toBe('urgent-complaints');
    expect(matchSlaPolicy(policies, { priority: 'P1', categoryKey: 'invoice' })?.id).toBe('any-p1');
    expect(matchSlaPolicy(policies, { priority: 'P3', categoryKey: 'complaint' })?.id).toBe('catch-all');
    expect(matchSlaPolicy(policies, { priority: 'P4', categoryKey: 'return_exchange' })?.id).toBe('returns');
  });

  it('does not match a category condition for an uncategorised ticket, and skips inactive policies', () => {
    expect(matchSlaPolicy(policies, { priority: 'P2', categoryKey: null })?.id).toBe('catch-all');
    expect(matchSlaPolicy(policies.slice(1, 2), { priority: 'P3', categoryKey: null })).toBeNull();
    expect(matchSlaPolicy([policy('off', 0, [], [], false)], { priority: 'P3', categoryKey: null })).toBeNull();
  });
});
