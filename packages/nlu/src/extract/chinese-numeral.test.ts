import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './chinese-numeral.js';

describe('Chinese numerals', () => {
  it.each([
    ['三百', 300],
    ['一万二', 12000],
    ['两千零五', 2005],
    ['十五', 15],
    ['十', 10],
    ['二十三', 23],
    ['一百零一', 101],
    ['一千零一十', 1010],
    ['两千五百', 2500],
    ['三百五', 350],
    ['一千二百三', 1230],
    ['两万零五百', 20500],
    ['十一万', 110000],
    ['一亿二千万', 120_000_000],
    ['壹仟贰佰', 1200],
    ['二〇二四', 2024],
    ['幺三八', 138],
    ['零', 0],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '万', '三五百', '三十百', '百', '五块', 'abc'])('rejects %j', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });
});
