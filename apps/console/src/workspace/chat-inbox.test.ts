import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/api-types.js';
import { chatInbox } from './chat-inbox.js';
import type { StaffedChat } from './workspace-reducer.js';

const conversation = (id: string): Conversation => ({ id, lastSeq: 1 }) as unknown as Conversation;
const chat = (conversationId: string): StaffedChat => ({ requestId: `r-${conversationId}`, conversationId, reason: 'user_request', priority: 3, visitorName: null, summary: '' });

describe('chatInbox', () => {
  const c1 = conversation('c1');
  const c9 = conversation('c9');

  it('keeps only the staffed chats and their unread counts', () => {
    const result = chatInbox([chat('c1')], [c1, c9], { c1: 2, c9: 5 }, null);
    expect(result.conversations).toEqual([c1]);
    expect(result.unread).toEqual({ c1: 2 });
  });

  it('returns the previous value when only other conversations changed', () => {
    const first = chatInbox([chat('c1')], [c1, c9], { c1: 2, c9: 5 }, null);
    const next = chatInbox([chat('c1')], [c1, conversation('c9'), conversation('c10')], { c1: 2, c9: 6, c10: 1 }, first);
    expect(next).toBe(first);
  });

  it('returns a new value when a staffed chat changed or gained unread messages', () => {
    const first = chatInbox([chat('c1')], [c1, c9], { c1: 2 }, null);
    const updated = conversation('c1');
    const moved = chatInbox([chat('c1')], [updated, c9], { c1: 2 }, first);
    expect(moved.conversations[0]).toBe(updated);
    expect(moved.unread).toBe(first.unread);
    const read = chatInbox([chat('c1')], [c1, c9], { c1: 3 }, first);
    expect(read.unread).toEqual({ c1: 3 });
    expect(read.conversations).toBe(first.conversations);
  });

  it('follows the agent taking a new chat', () => {
    const first = chatInbox([chat('c1')], [c1, c9], { c9: 4 }, null);
    const next = chatInbox([chat('c1'), chat('c9')], [c1, c9], { c9: 4 }, first);
    expect(next.conversations).toEqual([c1, c9]);
    expect(next.unread).toEqual({ c9: 4 });
  });
});
