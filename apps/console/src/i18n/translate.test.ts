import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { placeholdersOf, translate } from './translate.js';
import { zhCN, type MessageKey } from './zh-CN.js';

describe('message catalogues', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(translate(zhCN, 'zh-CN', 'faq.total', { count: 1200 })).toBe('共 1,200 条');
    expect(translate(en, 'en', 'conversation.anonymousVisitor', { suffix: '3f2a' })).toBe('Visitor 3f2a');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translate(zhCN, 'zh-CN', 'reply.failed', {})).toBe('发送失败：{reason}');
  });

  it('uses the same placeholders in Chinese and English for every key', () => {
    const mismatched = (Object.keys(zhCN) as MessageKey[]).filter(
      (key) => placeholdersOf(zhCN[key]).join() !== placeholdersOf(en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has no empty text in either catalogue', () => {
    const empty = [...Object.entries(zhCN), ...Object.entries(en)].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });
});
