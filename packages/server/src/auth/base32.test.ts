import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

// RFC 4648 section 10 test vectors.
const vectors: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

describe('base32', () => {
  it.each(vectors)('encodes %j as %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain), true)).toBe(encoded);
    expect(base32Encode(Buffer.from(plain))).toBe(encoded.replace(/=+$/, ''));
  });

  it.each(vectors)('decodes %j from %s', (plain, encoded) => {
    expect(base32Decode(encoded)?.toString()).toBe(plain);
    expect(base32Decode(encoded.replace(/=+$/, '').toLowerCase())?.toString()).toBe(plain);
  });

  it('ignores spaces and hyphens and rejects other characters', () => {
    expect(base32Decode('MZXW 6YTB-OI')?.toString()).toBe('foobar');
    expect(base32Decode('MZXW1')).toBeNull();
    expect(base32Decode('MZ=XW')).toBeNull();
  });

  it('round-trips random bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 73 + n * 31) & 0xff));
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
  });
});
