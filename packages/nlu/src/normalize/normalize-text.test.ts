import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/nlu-error.js';
import { cleanText, MAX_INPUT_CHARS, normalizeText } from './normalize-text.js';

describe('normalising customer text', () => {
  it('folds full-width letters, digits and punctuation to half-width', () => {
    expect(normalizeText('ＡＢＣ１２３，我要退款！')).toBe('abc123 我要退款');
  });

  it('converts Traditional Chinese to Simplified', () => {
    expect(normalizeText('請問運費誰出？我想退貨')).toBe('请问运费谁出 我想退货');
  });

  it('drops emoji and collapses whitespace', () => {
    expect(normalizeText('  太慢了😡😡 \n\t 快点👍🏻 ')).toBe('太慢了 快点');
  });

  it('keeps punctuation that is part of a token', () => {
    expect(normalizeText('价格3.5元, 邮箱 a.b@x.com')).toBe('价格3.5元 邮箱 a.b@x.com');
  });

  it('survives NUL bytes and lone surrogates', () => {
    expect(normalizeText('退\u0000款')).toBe('退 款');
    expect(normalizeText('退款\uD800')).toBe('退款');
    expect(normalizeText('\uDC00退款')).toBe('退款');
  });

  it('keeps offsets when cleaning, so entity positions still point into the original', () => {
    const raw = 'a\u0000b\uD800c';
    expect(cleanText(raw)).toHaveLength(raw.length);
  });

  it('returns an empty string for empty or blank input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \n ')).toBe('');
  });

  it('caps a 100 KB message instead of analysing all of it', () => {
    const huge = '退款'.repeat(50_000);
    expect(normalizeText(huge).length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
  });

  it('rejects a non-string with a typed error', () => {
    expect(() => normalizeText(42 as unknown as string)).toThrow(InvalidInputError);
  });
});
