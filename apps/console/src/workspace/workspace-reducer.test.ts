import { describe, expect, it } from 'vitest';
import type { HandoffChangedEvent, HandoffMineItem, HandoffOfferEvent } from './workspace-api-types.js';
import { emptyWorkspace, workspaceReducer, type WorkspaceState } from './workspace-reducer.js';

const me = 'u-me';

const mineItem = (over: Partial<HandoffMineItem>): HandoffMineItem => ({
  id: 'r1',
  conversationId: 'c1',
  visitorName: '张三',
  verified: false,
  groupId: 'g1',
  groupName: '售后',
  reason: 'user_request',
  priority: 3,
  status: 'assigned',
  offeredTo: null,
  queuedAt: '2026-12-07T03:00:00Z',
  waitSeconds: 10,
  ahead: 0,
  summary: '客户申请退货',
  assignedTo: me,
  offerExpiresAt: null,
  transferNote: null,
  ...over,
});

const offer = (over: Partial<HandoffOfferEvent> = {}): HandoffOfferEvent => ({
  requestId: 'r9',
  conversationId: 'c9',
  reason: 'anger',
  priority: 1,
  offerExpiresAt: '2026-12-07T03:01:00Z',
  visitorName: '李四',
  summary: '客户对物流很不满',
  ...over,
});

const changed = (over: Partial<HandoffChangedEvent>): HandoffChangedEvent => ({
  tenantId: 't1',
  requestId: 'r9',
  conversationId: 'c9',
  status: 'offered',
  reason: 'anger',
  priority: 1,
  groupId: 'g1',
  offeredTo: me,
  assignedTo: null,
  offerExpiresAt: '2026-12-07T03:01:00Z',
  ...over,
});

const withOffer = (): WorkspaceState => workspaceReducer(emptyWorkspace, { type: 'offer', offer: offer() });

describe('workspace: loading my handoffs', () => {
  it('splits offers to me from my assigned chats', () => {
    const state = workspaceReducer(emptyWorkspace, {
      type: 'mine',
      userId: me,
      items: [mineItem({ id: 'r1', conversationId: 'c1' }), mineItem({ id: 'r2', conversationId: 'c2', status: 'offered', offeredTo: me, assignedTo: null, offerExpiresAt: '2026-12-07T03:01:00Z' })],
    });
    expect(state.chats.map((c) => c.conversationId)).toEqual(['c1']);
    expect(state.offers).toEqual([expect.objectContaining({ requestId: 'r2', conversationId: 'c2', offerExpiresAt: '2026-12-07T03:01:00Z' })]);
  });

  it('ignores offers without a deadline and chats assigned to someone else', () => {
    const state = workspaceReducer(emptyWorkspace, {
      type: 'mine',
      userId: me,
      items: [mineItem({ status: 'offered', offeredTo: me, offerExpiresAt: null }), mineItem({ id: 'r3', assignedTo: 'u-other' })],
    });
    expect(state).toEqual(emptyWorkspace);
  });

  it('keeps the same state when a reload brings nothing new, and a new one when it does', () => {
    const items = [mineItem({ id: 'r1', conversationId: 'c1' })];
    const first = workspaceReducer(emptyWorkspace, { type: 'mine', userId: me, items });
    expect(workspaceReducer(first, { type: 'mine', userId: me, items: [mineItem({ id: 'r1', conversationId: 'c1' })] })).toBe(first);
    const changed = workspaceReducer(first, { type: 'mine', userId: me, items: [mineItem({ id: 'r1', conversationId: 'c1', summary: '客户改口要换货' })] });
    expect(changed).not.toBe(first);
    expect(changed.chats[0]?.summary).toBe('客户改口要换货');
  });
});

describe('workspace: offers', () => {
  it('orders offers by priority, then by the nearest deadline', () => {
    let state = workspaceReducer(emptyWorkspace, { type: 'offer', offer: offer({ requestId: 'a', priority: 3, offerExpiresAt: '2026-12-07T03:00:10Z' }) });
    state = workspaceReducer(state, { type: 'offer', offer: offer({ requestId: 'b', priority: 0, offerExpiresAt: '2026-12-07T03:00:50Z' }) });
    state = workspaceReducer(state, { type: 'offer', offer: offer({ requestId: 'c', priority: 0, offerExpiresAt: '2026-12-07T03:00:20Z' }) });
    expect(state.offers.map((o) => o.requestId)).toEqual(['c', 'b', 'a']);
  });

  it('ignores an offer push without a deadline', () => {
    expect(workspaceReducer(emptyWorkspace, { type: 'offer', offer: offer({ offerExpiresAt: null }) })).toBe(emptyWorkspace);
  });

  it('replaces a repeated push of the same offer instead of showing it twice', () => {
    const state = workspaceReducer(withOffer(), { type: 'offer', offer: offer({ offerExpiresAt: '2026-12-07T03:02:00Z' }) });
    expect(state.offers).toHaveLength(1);
    expect(state.offers[0]?.offerExpiresAt).toBe('2026-12-07T03:02:00Z');
  });

  it('turns an accepted offer into a chat', () => {
    const state = workspaceReducer(withOffer(), { type: 'accepted', requestId: 'r9' });
    expect(state.offers).toEqual([]);
    expect(state.chats).toEqual([{ requestId: 'r9', conversationId: 'c9', reason: 'anger', priority: 1, visitorName: '李四', summary: '客户对物流很不满' }]);
  });

  it('does not bring back an offer for a chat already staffed', () => {
    const accepted = workspaceReducer(withOffer(), { type: 'accepted', requestId: 'r9' });
    expect(workspaceReducer(accepted, { type: 'offer', offer: offer() })).toBe(accepted);
  });

  it('removes the card when the request was taken by someone else or re-queued', () => {
    expect(workspaceReducer(withOffer(), { type: 'changed', userId: me, event: changed({ status: 'assigned', offeredTo: null, assignedTo: 'u-other' }) }).offers).toEqual([]);
    expect(workspaceReducer(withOffer(), { type: 'changed', userId: me, event: changed({ status: 'queued', offeredTo: null }) }).offers).toEqual([]);
  });

  it('keeps the card while the request is still offered to me', () => {
    const state = withOffer();
    expect(workspaceReducer(state, { type: 'changed', userId: me, event: changed({}) })).toBe(state);
  });

  it('drops lapsed offers on a tick', () => {
    const state = withOffer();
    expect(workspaceReducer(state, { type: 'tick', now: Date.parse('2026-12-07T03:00:59Z') })).toBe(state);
    expect(workspaceReducer(state, { type: 'tick', now: Date.parse('2026-12-07T03:01:00Z') }).offers).toEqual([]);
  });

  it('drops an offer on request (declined or 409 already taken)', () => {
    expect(workspaceReducer(withOffer(), { type: 'dropOffer', requestId: 'r9' }).offers).toEqual([]);
  });
});

describe('workspace: staffed chats', () => {
  it('adds a chat a supervisor assigned to me', () => {
    const state = workspaceReducer(emptyWorkspace, { type: 'changed', userId: me, event: changed({ requestId: 'r5', conversationId: 'c5', status: 'assigned', offeredTo: null, assignedTo: me }) });
    expect(state.chats).toEqual([expect.objectContaining({ requestId: 'r5', conversationId: 'c5', visitorName: null })]);
  });

  it('removes a chat whose request ended (closed or transferred away)', () => {
    const accepted = workspaceReducer(withOffer(), { type: 'accepted', requestId: 'r9' });
    const ended = workspaceReducer(accepted, { type: 'changed', userId: me, event: changed({ status: 'ended', offeredTo: null, assignedTo: me }) });
    expect(ended.chats).toEqual([]);
  });

  it('replaces the chat of a conversation when a new request of it is assigned to me', () => {
    const accepted = workspaceReducer(withOffer(), { type: 'accepted', requestId: 'r9' });
    const state = workspaceReducer(accepted, { type: 'changed', userId: me, event: changed({ requestId: 'r10', status: 'assigned', offeredTo: null, assignedTo: me }) });
    expect(state.chats.map((c) => c.requestId)).toEqual(['r10']);
  });

  it('ignores events about other agents', () => {
    const state = withOffer();
    expect(workspaceReducer(state, { type: 'changed', userId: me, event: changed({ requestId: 'rx', conversationId: 'cx', status: 'assigned', offeredTo: null, assignedTo: 'u-other' }) })).toBe(state);
  });

  it('drops a chat the agent closed', () => {
    const accepted = workspaceReducer(withOffer(), { type: 'accepted', requestId: 'r9' });
    expect(workspaceReducer(accepted, { type: 'dropChat', conversationId: 'c9' }).chats).toEqual([]);
  });
});
