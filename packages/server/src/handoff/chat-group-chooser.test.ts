import { describe, expect, it } from 'vitest';
import { chooseChatGroup, type ChatGroupOption } from './chat-group-chooser.js';

const group = (id: string, over: Partial<ChatGroupOption> = {}): ChatGroupOption => ({ id, chatIntents: [], isChatDefault: false, createdAt: new Date('2026-12-01T00:00:00Z'), ...over });

describe('chooseChatGroup', () => {
  const oldest = group('oldest', { createdAt: new Date('2026-01-01T00:00:00Z') });
  const cards = group('cards', { chatIntents: ['card_lost', 'card_limit'] });
  const general = group('general', { isChatDefault: true });

  it('sends a handoff to the group serving its intent', () => {
    expect(chooseChatGroup([general, oldest, cards], 'card_lost')?.id).toBe('cards');
  });

  it('falls back to the default chat group, then the oldest', () => {
    expect(chooseChatGroup([general, oldest, cards], 'return_request')?.id).toBe('general');
    expect(chooseChatGroup([cards, oldest], null)?.id).toBe('oldest');
  });

  it('has nowhere to send a handoff when the tenant has no chat group', () => {
    expect(chooseChatGroup([], 'card_lost')).toBeNull();
  });
});
