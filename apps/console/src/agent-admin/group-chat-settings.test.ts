import { describe, expect, it } from 'vitest';
import { chatSettingsOf, chatSettingsPatch } from './group-chat-settings.js';

const group = { id: 'g1', name: '信用卡组', description: '', calendarId: null, memberCount: 3, onDutyCount: 2, createdAt: '2026-12-01T00:00:00.000Z' };

describe('chat settings of an agent group', () => {
  it('falls back to the migration defaults when the answer has no chat columns', () => {
    expect(chatSettingsOf(group)).toEqual({ handlesChat: true, chatSkills: [], chatIntents: [], isChatDefault: false, offerTimeoutSeconds: 30 });
  });

  it('reads the chat columns when the server sends them', () => {
    expect(chatSettingsOf({ ...group, handlesChat: false, chatSkills: ['信用卡'], offerTimeoutSeconds: 45 })).toMatchObject({ handlesChat: false, chatSkills: ['信用卡'], offerTimeoutSeconds: 45 });
  });

  it('normalises skills and intents and keeps the timeout in bounds', () => {
    expect(chatSettingsPatch({ handlesChat: true, chatSkills: [' 信用卡 ', '信用卡', 'ｅｎｇｌｉｓｈ'], chatIntents: [' card_loss_report', 'card_loss_report', ''], isChatDefault: true, offerTimeoutSeconds: 3 })).toEqual({
      handlesChat: true,
      chatSkills: ['信用卡', 'english'],
      chatIntents: ['card_loss_report'],
      isChatDefault: true,
      offerTimeoutSeconds: 10,
    });
  });

  it('never leaves a group that stops handling chat as the default chat group', () => {
    expect(chatSettingsPatch({ handlesChat: false, chatSkills: [], chatIntents: [], isChatDefault: true, offerTimeoutSeconds: 30 }).isChatDefault).toBe(false);
  });
});
