import { describe, expect, it } from 'vitest';
import type { Message } from '../api/api-types.js';
import { completeThrough, lastSeq, mergeMessages } from './merge-messages.js';

const message = (seq: number, id = `m${seq}`, text = `text ${seq}`): Message => ({
  id,
  conversationId: 'c1',
  seq,
  senderType: 'visitor',
  senderId: null,
  senderName: null,
  text,
  clientMsgId: null,
  quickReplies: [],
  meta: {},
  createdAt: '2026-11-25T10:00:00Z',
});

describe('merging messages into a timeline', () => {
  it('orders by seq even when pushes arrive out of order', () => {
    const merged = mergeMessages([message(1)], [message(3), message(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps a message once when the socket push and the HTTP answer both deliver it', () => {
    const merged = mergeMessages([message(1), message(2)], [message(2), message(3)]);
    expect(merged.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('takes the newer copy of a message that arrives again', () => {
    const merged = mergeMessages([message(1, 'm1', 'old')], [message(1, 'm1', 'edited')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.text).toBe('edited');
  });

  it('does not touch the input arrays', () => {
    const existing = [message(2)];
    mergeMessages(existing, [message(1)]);
    expect(existing.map((m) => m.seq)).toEqual([2]);
  });
});

describe('resync after a reconnect', () => {
  it('resumes after the highest seq seen', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([message(4), message(2)])).toBe(4);
  });

  it('carries the complete-through seq over held messages without a hole', () => {
    expect(completeThrough([message(1), message(2), message(3), message(5)], 2)).toBe(3);
    expect(completeThrough([message(1), message(2)], 2)).toBe(2);
    expect(completeThrough([], 0)).toBe(0);
  });

  it('does not count a push that arrived before the history as history', () => {
    // The "已接入" notice is pushed while the transcript is still loading: the history must still be fetched from 0.
    expect(completeThrough([message(9)], 0)).toBe(0);
  });
});
