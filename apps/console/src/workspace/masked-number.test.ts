import { describe, expect, it } from 'vitest';
import { containsMaskedNumber } from './masked-number.js';

describe('finding masked numbers in the context panel', () => {
  it('finds a masked ID or card number anywhere in the fields', () => {
    expect(containsMaskedNumber('客户提供身份证110105********002X')).toBe(true);
    expect(containsMaskedNumber([{ fields: { 卡号: '622202*********0128' } }])).toBe(true);
    expect(containsMaskedNumber({ idNumber: '110105********002x' })).toBe(true);
  });

  it('ignores full numbers, phone numbers and stray asterisks', () => {
    expect(containsMaskedNumber('11010519491231002X')).toBe(false);
    expect(containsMaskedNumber('手机 138****5678')).toBe(false);
    expect(containsMaskedNumber({ note: '**重要**', n: 3, none: null })).toBe(false);
  });
});
