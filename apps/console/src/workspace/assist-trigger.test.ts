import { describe, expect, it } from 'vitest';
import type { StaffMessage } from './workspace-api-types.js';
import { latestVisitorMessageId } from './assist-trigger.js';

const message = (id: string, senderType: StaffMessage['senderType'], internal = false): StaffMessage => ({
  id,
  conversationId: 'c1',
  seq: 0,
  senderType,
  senderId: null,
  senderName: null,
  text: '',
  clientMsgId: null,
  quickReplies: [],
  meta: {},
  createdAt: '2026-12-07T03:00:00Z',
  internal,
});

describe('which visitor message the assist panel answers', () => {
  it('is the newest visitor message, not a later agent reply or note', () => {
    expect(latestVisitorMessageId([message('m1', 'visitor'), message('m2', 'bot'), message('m3', 'visitor'), message('m4', 'agent'), message('m5', 'agent', true)])).toBe('m3');
  });

  it('is none before the visitor said anything', () => {
    expect(latestVisitorMessageId([message('m1', 'system')])).toBeNull();
  });
});
