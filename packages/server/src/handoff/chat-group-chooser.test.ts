import { describe, expect, it } from 'vitest';
import { chooseChatGroup, type ChatGroupOption } from './chat-group-chooser.js';

const group = (id: string, over: Partial<ChatGroupOption> = {}): ChatGroupOption => ({ id, chatIntents: [], isChatDefault: false, createdAt: new Date('2026-12-01T00:00:00Z'), ...over });

describe('chooseChatGroup', () => {
  const oldest = group('oldest', { createdAt: new Date('2026-01-01T00:00:00Z') });
  const cards = group('cards', { chatIntents: ['card_lost', 'card_limit'] });
  const general = group('general', { isChatDefault: true, chatIntents: ['human_agent', 'balance_query'] });

  it('sends a handoff to the group serving its intent', () => {
    expect(chooseChatGroup([general, oldest, cards], ['card_lost'])?.id).toBe('cards');
  });

  it('looks past a bare request for a person to what the conversation was about', () => {
    expect(chooseChatGroup([general, oldest, cards], ['human_agent', null, 'card_limit'])?.id).toBe('cards');
    // The newest topic decides when several were discussed.
    expect(chooseChatGroup([general, oldest, cards], ['human_agent', 'card_lost', 'balance_query'])?.id).toBe('cards');
  });

  it('keeps an intent the default group lists there when no specialised group serves any', () => {
    expect(chooseChatGroup([oldest, cards, general], ['human_agent', 'balance_query'])?.id).toBe('general');
  });

  it('falls back to the default chat group, then the oldest', () => {
    expect(chooseChatGroup([general, oldest, cards], ['return_request'])?.id).toBe('general');
    expect(chooseChatGroup([cards, oldest], [null])?.id).toBe('oldest');
    expect(chooseChatGroup([cards, oldest], [])?.id).toBe('oldest');
  });

  it('has nowhere to send a handoff when the tenant has no chat group', () => {
    expect(chooseChatGroup([], ['card_lost'])).toBeNull();
  });
});
