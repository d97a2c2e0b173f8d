import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { translate } from '../i18n/translate.js';
import { zhCN, type MessageKey } from '../i18n/zh-CN.js';
import { waitLabel } from './wait-label.js';

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate(zhCN, 'zh-CN', key, params);
const english = (key: MessageKey, params?: Record<string, string | number>) => translate(en, 'en', key, params);

describe('queue wait label', () => {
  it('reads seconds, minutes with padded seconds, and hours', () => {
    expect(waitLabel(45, zh)).toBe('45 秒');
    expect(waitLabel(185, zh)).toBe('3 分 05 秒');
    expect(waitLabel(3720, zh)).toBe('1 小时 2 分');
    expect(waitLabel(185, english)).toBe('3 min 05 s');
  });

  it('never shows a negative or fractional wait', () => {
    expect(waitLabel(-3, zh)).toBe('0 秒');
    expect(waitLabel(59.9, zh)).toBe('59 秒');
  });
});
