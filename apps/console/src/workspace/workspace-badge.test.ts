import { describe, expect, it } from 'vitest';
import { workspaceBadge } from './workspace-badge.js';
import type { PendingOffer, StaffedChat } from './workspace-reducer.js';

const chat = (conversationId: string): StaffedChat => ({ requestId: 'r-' + conversationId, conversationId, reason: 'user_request', priority: 3, visitorName: null, summary: '' });
const offer: PendingOffer = { ...chat('c7'), offerExpiresAt: '2026-12-07T03:00:30Z' };

describe('workspace navigation badge', () => {
  it('counts waiting offers and the unread messages of my chats only', () => {
    expect(workspaceBadge({ offers: [offer], chats: [chat('c1'), chat('c2')] }, { c1: 2, c9: 5 })).toBe(3);
  });

  it('is zero with nothing waiting', () => {
    expect(workspaceBadge({ offers: [], chats: [chat('c1')] }, {})).toBe(0);
  });
});
