import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { glossEnglish } from './gloss-english.js';

describe('glossEnglish', () => {
  it('glosses English terms, longest phrase first', () => {
    expect(glossEnglish('i want to file a complaint')).toBe('投诉');
    expect(glossEnglish('my credit card was stolen')).toBe('信用卡 被盗');
  });

  it('matches inflected forms through the stemmer', () => {
    expect(glossEnglish('two parcels delayed')).toBe('包裹 延迟');
    expect(glossEnglish('refunds')).toBe('退款');
  });

  it('reads English inside Chinese text', () => {
    expect(glossEnglish(normalizeText('我的Order还没到'))).toBe('订单');
  });

  it('is empty for Chinese-only text and unknown English words', () => {
    expect(glossEnglish('我要退货')).toBe('');
    expect(glossEnglish('lorem ipsum')).toBe('');
    expect(glossEnglish('')).toBe('');
  });

  it('does not join words across Chinese text into one phrase', () => {
    // "credit" and "card" are separated by Chinese text, so they are not the phrase "credit card".
    expect(glossEnglish(normalizeText('credit 的 card'))).toBe('卡');
  });
});

describe('glossEnglish on chat shorthand', () => {
  it('glosses Latin shorthand as whole tokens only', () => {
    expect(glossEnglish('3q')).toBe('谢谢');
    expect(glossEnglish('886')).toBe('再见');
    // 2886 is a number, not 886.
    expect(glossEnglish('订单2886')).toBe('');
    // A bare 88 is too often a house number (张江路88弄) to read as 再见.
    expect(glossEnglish('88弄3号1202室')).toBe('');
  });

  it('glosses Chinese shorthand, longest form first', () => {
    expect(glossEnglish('这咋整')).toBe('怎么办');
    expect(glossEnglish('木有收到')).toBe('没有');
  });
});
