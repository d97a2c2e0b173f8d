import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../api/api-types.js';
import {
  conversationListReducer as reduce,
  initialConversationList,
  isUnknownConversation,
  type ConversationListState,
} from './conversation-list-reducer.js';

const conversation = (id: string, updatedAt: string, overrides: Partial<Conversation> = {}): Conversation => ({
  id,
  tenantId: 't1',
  status: 'open',
  handoff: false,
  assigneeId: null,
  visitor: { id: `v-${id}`, name: null, externalId: null, verified: false },
  lastSeq: 1,
  lastMessage: { text: '您好', senderType: 'bot', createdAt: updatedAt },
  createdAt: updatedAt,
  updatedAt,
  ...overrides,
});

const visitorMessage = (conversationId: string, seq: number, createdAt: string, text = '我想退货'): Message => ({
  id: `${conversationId}-m${seq}`,
  conversationId,
  seq,
  senderType: 'visitor',
  senderId: null,
  senderName: null,
  text,
  clientMsgId: null,
  quickReplies: [],
  meta: {},
  createdAt,
});

const loaded = (...items: Conversation[]): ConversationListState =>
  reduce(initialConversationList, { type: 'loaded', status: 'open', items });

describe('the live conversation list', () => {
  it('shows the most recently active conversation first', () => {
    const state = loaded(conversation('a', '2026-11-25T10:00:00Z'), conversation('b', '2026-11-25T11:00:00Z'));
    expect(state.items.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('moves a conversation to the top and updates its preview when the visitor writes', () => {
    const state = loaded(conversation('a', '2026-11-25T10:00:00Z'), conversation('b', '2026-11-25T11:00:00Z'));
    const next = reduce(state, { type: 'message', message: visitorMessage('a', 2, '2026-11-25T12:00:00Z', '订单还没到') });

    expect(next.items.map((c) => c.id)).toEqual(['a', 'b']);
    expect(next.items[0]).toMatchObject({ lastSeq: 2, lastMessage: { text: '订单还没到', senderType: 'visitor' } });
  });

  it('counts unread visitor messages only for conversations that are not open on screen', () => {
    let state = loaded(conversation('a', '2026-11-25T10:00:00Z'), conversation('b', '2026-11-25T10:00:00Z'));
    state = reduce(state, { type: 'select', id: 'b' });
    state = reduce(state, { type: 'message', message: visitorMessage('a', 2, '2026-11-25T10:01:00Z') });
    state = reduce(state, { type: 'message', message: visitorMessage('a', 3, '2026-11-25T10:02:00Z') });
    state = reduce(state, { type: 'message', message: visitorMessage('b', 2, '2026-11-25T10:03:00Z') });

    expect(state.unread).toEqual({ a: 2 });
    expect(reduce(state, { type: 'select', id: 'a' }).unread).toEqual({});
  });

  it('ignores a replayed message so the unread badge does not double-count', () => {
    let state = loaded(conversation('a', '2026-11-25T10:00:00Z'));
    const push = visitorMessage('a', 2, '2026-11-25T10:01:00Z');
    state = reduce(state, { type: 'message', message: push });
    state = reduce(state, { type: 'message', message: push });
    expect(state.unread).toEqual({ a: 1 });
  });

  it('drops a conversation from the open list when it is closed, and adds it when reopened', () => {
    const state = loaded(conversation('a', '2026-11-25T10:00:00Z'));
    const closed = reduce(state, { type: 'conversation', conversation: conversation('a', '2026-11-25T10:05:00Z', { status: 'closed' }) });
    expect(closed.items).toEqual([]);

    const reopened = reduce(closed, { type: 'conversation', conversation: conversation('a', '2026-11-25T10:06:00Z', { handoff: true }) });
    expect(reopened.items).toMatchObject([{ id: 'a', handoff: true }]);
  });

  it('ignores a late answer for the filter the agent already switched away from', () => {
    let state = reduce(initialConversationList, { type: 'filter', status: 'closed' });
    state = reduce(state, { type: 'loaded', status: 'open', items: [conversation('a', '2026-11-25T10:00:00Z')] });
    expect(state.items).toEqual([]);
  });

  it('leaves the list alone for a message of an unknown conversation and says so', () => {
    const state = loaded(conversation('a', '2026-11-25T10:00:00Z'));
    const next = reduce(state, { type: 'message', message: visitorMessage('new', 1, '2026-11-25T10:01:00Z') });
    expect(next).toBe(state);
    expect(isUnknownConversation(next, 'new')).toBe(true);
    expect(isUnknownConversation(next, 'a')).toBe(false);
  });
});

describe('conversationListReducer: load more', () => {
  it('appends the next page without duplicates and keeps its cursor; a filter change drops it', () => {
    const first = reduce(initialConversationList, { type: 'loaded', status: 'open', items: [conversation('a', '2025-01-01T10:00:00Z'), conversation('b', '2025-01-01T09:00:00Z')], nextCursor: 'c1' });
    expect(first.nextCursor).toBe('c1');
    const more = reduce(first, { type: 'more', status: 'open', items: [conversation('b', '2025-01-01T09:00:00Z'), conversation('c', '2025-01-01T08:00:00Z')], nextCursor: null });
    expect(more.items.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(more.nextCursor).toBeNull();
    expect(reduce(first, { type: 'more', status: 'closed', items: [conversation('x', '2025-01-01T07:00:00Z', { status: 'closed' })], nextCursor: null })).toBe(first);
    expect(reduce(first, { type: 'filter', status: 'closed' }).nextCursor).toBeNull();
  });
});
