import { describe, expect, it } from 'vitest';
import { cannedReplies } from '../test-support/fake-handoff-answers.js';
import type { CannedReply } from './agent-admin-api-types.js';
import { canEditCannedReply, filterCannedReplies } from './canned-reply-filter.js';

const replies: CannedReply[] = [
  ...cannedReplies,
  { id: 'cr3', scope: 'tenant', ownerId: null, shortcut: 'Return', title: '退货步骤', body: '在「我的订单」中申请售后', updatedAt: '2026-12-03T08:00:00.000Z' },
];

describe('finding a canned reply', () => {
  it('lists the tenant’s replies before my own, each by shortcut', () => {
    expect(filterCannedReplies(replies, { scope: 'all', q: '' }).map((reply) => reply.id)).toEqual(['cr1', 'cr3', 'cr2']);
  });

  it('searches shortcut, title and body, with or without the slash, ignoring case', () => {
    expect(filterCannedReplies(replies, { scope: 'all', q: '/return' }).map((reply) => reply.id)).toEqual(['cr3']);
    expect(filterCannedReplies(replies, { scope: 'all', q: '核实' }).map((reply) => reply.id)).toEqual(['cr2']);
    expect(filterCannedReplies(replies, { scope: 'all', q: '开场' }).map((reply) => reply.id)).toEqual(['cr1']);
  });

  it('narrows to one scope', () => {
    expect(filterCannedReplies(replies, { scope: 'personal', q: '' }).map((reply) => reply.id)).toEqual(['cr2']);
  });
});

describe('who may change a canned reply', () => {
  it('lets knowledge-base writers change the tenant’s and only owners their own', () => {
    const [tenant, mine] = cannedReplies as [CannedReply, CannedReply];
    expect(canEditCannedReply(tenant, 'u1', true)).toBe(true);
    expect(canEditCannedReply(tenant, 'u1', false)).toBe(false);
    expect(canEditCannedReply(mine, 'u1', false)).toBe(true);
    expect(canEditCannedReply(mine, 'u2', true)).toBe(false);
  });
});
