import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/api-types.js';
import { applyInboxView, countInboxViews } from './inbox-view.js';

const conversation = (id: string, overrides: Partial<Conversation>): Conversation => ({
  id,
  tenantId: 't1',
  status: 'open',
  handoff: false,
  assigneeId: null,
  visitor: { id: `v-${id}`, name: null, externalId: null, verified: false },
  lastSeq: 1,
  lastMessage: null,
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
  ...overrides,
});

const items = [
  conversation('bot-only', {}),
  conversation('waiting', { handoff: true }),
  conversation('mine', { handoff: true, assigneeId: 'me' }),
  conversation('colleague', { handoff: true, assigneeId: 'someone-else' }),
  conversation('closed-handoff', { handoff: true, status: 'closed', assigneeId: 'me' }),
];

describe('quick views of the inbox', () => {
  it('shows only open conversations waiting for a human in the handoff view', () => {
    expect(applyInboxView(items, 'handoff', 'me').map((c) => c.id)).toEqual(['waiting', 'mine', 'colleague']);
  });

  it("shows the agent's own conversations, open or closed, in the mine view", () => {
    expect(applyInboxView(items, 'mine', 'me').map((c) => c.id)).toEqual(['mine', 'closed-handoff']);
  });

  it('counts every view for the switch labels', () => {
    expect(countInboxViews(items, 'me')).toEqual({ all: 5, handoff: 3, mine: 2 });
  });
});
