import { describe, expect, it } from 'vitest';
import type { Message, SenderType } from '../api/api-types.js';
import { conversationTimelineReducer as reduce, emptyTimeline, TYPING_TIMEOUT_MS, type TimelineState } from './conversation-timeline-reducer.js';

const message = (seq: number, senderType: SenderType, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  senderType,
  senderId: null,
  senderName: null,
  text: `text ${seq}`,
  clientMsgId: null,
  quickReplies: [],
  meta: {},
  createdAt: '2026-11-25T10:00:00Z',
  ...extra,
});

const opened = (): TimelineState => reduce(emptyTimeline, { type: 'open', conversationId: 'c1' });

describe('the open conversation', () => {
  it('merges history and live pushes into one ordered timeline', () => {
    let state = opened();
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(1, 'bot'), message(2, 'visitor')] });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(2, 'visitor'), message(3, 'bot')] });
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('ignores pushes for other conversations and answers that arrive after switching', () => {
    let state = opened();
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(1, 'visitor', { conversationId: 'c2' })] });
    expect(state.messages).toEqual([]);

    state = reduce(state, { type: 'open', conversationId: 'c2' });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(1, 'visitor')] });
    expect(state).toMatchObject({ conversationId: 'c2', messages: [] });
  });
});

describe('agent replies', () => {
  const sending = (state: TimelineState) =>
    reduce(state, { type: 'sending', reply: { clientMsgId: 'k1', text: '马上为您处理', createdAt: '2026-11-25T10:01:00Z' } });

  it('shows a reply as sending until the server copy with the same clientMsgId arrives', () => {
    let state = sending(opened());
    expect(state.pending).toMatchObject([{ clientMsgId: 'k1', status: 'sending' }]);

    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(4, 'agent', { clientMsgId: 'k1' })] });
    expect(state.pending).toEqual([]);
    expect(state.messages.map((m) => m.clientMsgId)).toEqual(['k1']);
  });

  it('keeps a failed reply with its reason, and clears the reason when resending', () => {
    let state = reduce(sending(opened()), { type: 'failed', clientMsgId: 'k1', failure: '网络连接失败' });
    expect(state.pending).toMatchObject([{ status: 'failed', failure: '网络连接失败' }]);

    state = reduce(state, { type: 'retrying', clientMsgId: 'k1' });
    expect(state.pending[0]).toMatchObject({ status: 'sending', failure: undefined });
  });

  it('does not duplicate a pending reply when the same send is started twice', () => {
    const state = sending(sending(opened()));
    expect(state.pending).toHaveLength(1);
  });
});

describe('typing indicator', () => {
  it('shows the visitor typing and hides it when their message arrives', () => {
    let state = reduce(opened(), { type: 'typing', conversationId: 'c1', senderType: 'visitor', isTyping: true, now: 0 });
    expect(state.typing?.senderType).toBe('visitor');

    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(1, 'visitor')] });
    expect(state.typing).toBeNull();
  });

  it('hides a stale indicator when "stopped typing" never comes', () => {
    let state = reduce(opened(), { type: 'typing', conversationId: 'c1', senderType: 'visitor', isTyping: true, now: 1000 });
    state = reduce(state, { type: 'tick', now: 1000 + TYPING_TIMEOUT_MS - 1 });
    expect(state.typing).not.toBeNull();
    state = reduce(state, { type: 'tick', now: 1000 + TYPING_TIMEOUT_MS });
    expect(state.typing).toBeNull();
  });

  it('ignores a typing event claiming to come from the system', () => {
    const state = reduce(opened(), { type: 'typing', conversationId: 'c1', senderType: 'system', isTyping: true, now: 0 });
    expect(state.typing).toBeNull();
  });

  it('keeps the visitor indicator when a bot message arrives meanwhile', () => {
    let state = reduce(opened(), { type: 'typing', conversationId: 'c1', senderType: 'visitor', isTyping: true, now: 0 });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [message(1, 'bot')] });
    expect(state.typing?.senderType).toBe('visitor');
  });
});
