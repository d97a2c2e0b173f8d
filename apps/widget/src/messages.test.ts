import { describe, expect, it } from 'vitest';
import { getCatalogue, resolveLocale } from './messages.js';

describe('widget language', () => {
  it('defaults to simplified Chinese for missing or unsupported locales', () => {
    expect(resolveLocale(undefined)).toBe('zh-CN');
    expect(resolveLocale('zh-TW')).toBe('zh-CN');
    expect(resolveLocale('fr')).toBe('zh-CN');
  });

  it('accepts any English variant', () => {
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale(' EN-us ')).toBe('en');
  });

  it('pluralises the unread count in English only', () => {
    expect(getCatalogue('en').unread(1)).toBe('1 unread message');
    expect(getCatalogue('en').unread(3)).toBe('3 unread messages');
    expect(getCatalogue('zh-CN').unread(3)).toBe('3 条未读消息');
  });
});
