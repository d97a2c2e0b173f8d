import { describe, expect, it } from 'vitest';
import { hotp, timeStep, totp, verifyTotp } from './totp.js';

// RFC 4226 appendix D and RFC 6238 appendix B use the ASCII key "12345678901234567890" for HMAC-SHA1.
const key = Buffer.from('12345678901234567890');

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(hotp(key, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA1, 8 digits)', () => {
  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('T = %i s → %s', (seconds, code) => {
    expect(totp(key, seconds * 1000, 8)).toBe(code);
  });

  it('uses 6 digits by default (the last 6 of the 8-digit value)', () => {
    expect(totp(key, 59_000)).toBe('287082');
  });
});

describe('verifyTotp', () => {
  const now = 1111111111_000;
  const step = timeStep(now);

  it('accepts the current step and one step either side, nothing further', () => {
    expect(verifyTotp(key, hotp(key, step), now, null)).toEqual({ step });
    expect(verifyTotp(key, hotp(key, step - 1), now, null)).toEqual({ step: step - 1 });
    expect(verifyTotp(key, hotp(key, step + 1), now, null)).toEqual({ step: step + 1 });
    expect(verifyTotp(key, hotp(key, step + 2), now, null)).toEqual({ step: null, replayed: false });
    expect(verifyTotp(key, hotp(key, step - 2), now, null)).toEqual({ step: null, replayed: false });
  });

  it('refuses a code of a step already used, and says it was a replay', () => {
    expect(verifyTotp(key, hotp(key, step), now, step)).toEqual({ step: null, replayed: true });
    expect(verifyTotp(key, hotp(key, step - 1), now, step)).toEqual({ step: null, replayed: true });
    expect(verifyTotp(key, hotp(key, step + 1), now, step)).toEqual({ step: step + 1 });
  });

  it('refuses malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 28708']) expect(verifyTotp(key, code, now, null).step).toBeNull();
  });
});
