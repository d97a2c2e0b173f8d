import { describe, expect, it } from 'vitest';
import type { Visitor } from '../api/api-types.js';
import { en } from '../i18n/en.js';
import { translate, type Translate } from '../i18n/translate.js';
import { zhCN } from '../i18n/zh-CN.js';
import { messagePreview } from './message-preview.js';
import { visitorLabel } from './visitor-label.js';

const zh: Translate = (key, params) => translate(zhCN, 'zh-CN', key, params);
const english: Translate = (key, params) => translate(en, 'en', key, params);
const visitor = (name: string | null): Visitor => ({ id: '9b2c41d0-7c1e-4f7a-9d3e-1a2b3c4d3f2a', name, externalId: null, verified: false });

describe('how a conversation is labelled in the list', () => {
  it('uses the visitor name when there is one', () => {
    expect(visitorLabel(visitor('张三'), zh)).toBe('张三');
  });

  it('tells anonymous visitors apart by the end of their id', () => {
    expect(visitorLabel(visitor(null), zh)).toBe('访客 3F2A');
    expect(visitorLabel(visitor('   '), english)).toBe('Visitor 3F2A');
  });

  it('prefixes bot and agent previews and flattens line breaks', () => {
    const createdAt = '2026-11-25T10:00:00Z';
    expect(messagePreview({ text: '您好！\n请问有什么可以帮您？', senderType: 'bot', createdAt }, zh)).toBe('机器人：您好！ 请问有什么可以帮您？');
    expect(messagePreview({ text: '我要退货', senderType: 'visitor', createdAt }, zh)).toBe('我要退货');
    expect(messagePreview(null, english)).toBe('No messages yet');
  });
});
