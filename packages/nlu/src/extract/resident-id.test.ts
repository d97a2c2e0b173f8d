import { describe, expect, it } from 'vitest';
import { isValidLegacyResidentId, isValidResidentId, residentIdCheckDigit } from './resident-id.js';

describe('resident ID check digit (GB 11643 MOD 11-2)', () => {
  it('computes X for the standard example', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it.each(['11010519491231002X', '11010519491231002x', '44030419900307123X', '320106198511204561'])('accepts %s', (id) => {
    expect(isValidResidentId(id)).toBe(true);
  });

  it('rejects a number whose check digit is wrong', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('320106198511204562')).toBe(false);
  });

  it('rejects an impossible birth date even with a matching check digit', () => {
    const first17 = '11010519490230002'; // 30 February
    expect(isValidResidentId(first17 + residentIdCheckDigit(first17))).toBe(false);
  });

  it('rejects an unknown province code even with a matching check digit', () => {
    const first17 = '99010519491231002';
    expect(isValidResidentId(first17 + residentIdCheckDigit(first17))).toBe(false);
  });

  it('rejects wrong lengths and letters in the body', () => {
    expect(isValidResidentId('1101051949123100')).toBe(false);
    expect(isValidResidentId('11010519491231X02X')).toBe(false);
  });

  it('accepts a legacy 15-digit ID only with a real 19YY birth date', () => {
    expect(isValidLegacyResidentId('110105491231002')).toBe(true);
    expect(isValidLegacyResidentId('110105491331002')).toBe(false);
  });
});
