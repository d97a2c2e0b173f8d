import type { Message } from '../message-schema.js';

/** A stored message with sensible defaults; override what the story is about. */
export function messageFixture(overrides: Partial<Message> & Pick<Message, 'seq'>): Message {
  return {
    id: `m-${overrides.seq}`,
    conversationId: 'c-1',
    senderType: 'bot',
    senderId: null,
    senderName: null,
    text: `message ${overrides.seq}`,
    clientMsgId: null,
    quickReplies: [],
    createdAt: '2026-11-25T08:00:00.000Z',
    ...overrides,
  };
}
