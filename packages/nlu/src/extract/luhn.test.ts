import { describe, expect, it } from 'vitest';
import { isLuhnValid } from './luhn.js';

describe('Luhn check', () => {
  it.each(['4111111111111111', '6222020655490123', '6217000000000060123'])('accepts %s', (n) => {
    expect(isLuhnValid(n)).toBe(true);
  });

  it.each(['4111111111111112', '6222021234567890', '6222020655490124'])('rejects %s', (n) => {
    expect(isLuhnValid(n)).toBe(false);
  });

  it('rejects anything that is not a digit string', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
  });
});
