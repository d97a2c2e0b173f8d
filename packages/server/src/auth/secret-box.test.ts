import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.js';

const box = new SecretBox(randomBytes(32));
const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SecretBoxError);
    return (err as SecretBoxError).code;
  }
  return undefined;
}

/** Flips one bit of the decoded part `index` (1 = IV, 2 = ciphertext+tag) at `byte`. */
function flip(sealed: string, index: 1 | 2, byte: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[byte] = bytes[byte]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretBox', () => {
  it('round-trips, with the v1 format and no plaintext in the output', () => {
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed.split(':')[1]!, 'base64url')).toHaveLength(12);
    // Ciphertext is as long as the plaintext, plus the 16-byte tag.
    expect(Buffer.from(sealed.split(':')[2]!, 'base64url')).toHaveLength(secret.length + 16);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('密钥 ✓'))).toBe('密钥 ✓');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(SecretBox.isSealed(secret)).toBe(false);
  });

  it('uses a fresh IV for every value', () => {
    const sealed = Array.from({ length: 50 }, () => box.seal(secret));
    expect(new Set(sealed.map((s) => s.split(':')[1])).size).toBe(50);
    expect(new Set(sealed).size).toBe(50);
    for (const s of sealed) expect(box.open(s)).toBe(secret);
  });

  it('detects a tampered IV, ciphertext or tag', () => {
    const sealed = box.seal(secret);
    expect(codeOf(() => box.open(flip(sealed, 1, 0)))).toBe('secret_box_auth_failed');
    expect(codeOf(() => box.open(flip(sealed, 2, 0)))).toBe('secret_box_auth_failed');
    expect(codeOf(() => box.open(flip(sealed, 2, secret.length + 15)))).toBe('secret_box_auth_failed');
    // A truncated tag is rejected, not checked against fewer bytes.
    const [v, iv, body] = sealed.split(':');
    const short = Buffer.from(body!, 'base64url').subarray(0, secret.length + 8).toString('base64url');
    expect(codeOf(() => box.open(`${v}:${iv}:${short}`))).toBe('secret_box_auth_failed');
  });

  it('refuses a wrong key', () => {
    const sealed = box.seal(secret);
    expect(codeOf(() => new SecretBox(randomBytes(32)).open(sealed))).toBe('secret_box_auth_failed');
  });

  it('binds the value to its context', () => {
    const sealed = box.seal(secret, 'mfa:tenant-a:user-1');
    expect(box.open(sealed, 'mfa:tenant-a:user-1')).toBe(secret);
    expect(codeOf(() => box.open(sealed, 'mfa:tenant-a:user-2'))).toBe('secret_box_auth_failed');
    expect(codeOf(() => box.open(sealed))).toBe('secret_box_auth_failed');
  });

  it('calls a value not in the format malformed', () => {
    const [, iv, body] = box.seal(secret).split(':');
    for (const bad of [secret, '', 'v1:', `v2:${iv}:${body}`, `v1:${iv}`, `v1:${iv}:${body}:x`, `v1:${iv}:`, `v1:AAAA:${body}`, `v1:${iv}:AAAA`, `v1:${iv}+:${body}`]) {
      expect(codeOf(() => box.open(bad)), bad).toBe('secret_box_malformed');
    }
  });

  it('takes only a 32-byte key, and keeps its own copy', () => {
    expect(codeOf(() => new SecretBox(randomBytes(16)))).toBe('secret_box_key_invalid');
    expect(codeOf(() => new SecretBox(randomBytes(33)))).toBe('secret_box_key_invalid');
    const key = randomBytes(32);
    const own = new SecretBox(key);
    const sealed = own.seal(secret);
    key.fill(0);
    expect(own.open(sealed)).toBe(secret);
  });

  it('opens values sealed with a previous key, says they need sealing again, and seals only with the current key', () => {
    const oldKey = randomBytes(32);
    const older = new SecretBox(oldKey).seal(secret, 'ctx');
    const rotated = new SecretBox(randomBytes(32), [randomBytes(32), oldKey]);
    expect(rotated.unseal(older, 'ctx')).toEqual({ plaintext: secret, current: false });
    const resealed = rotated.seal(secret, 'ctx');
    expect(rotated.unseal(resealed, 'ctx')).toEqual({ plaintext: secret, current: true });
    expect(codeOf(() => new SecretBox(oldKey).open(resealed, 'ctx'))).toBe('secret_box_auth_failed');
    // A previous key does not loosen the context binding, and a key nobody lists still fails.
    expect(codeOf(() => rotated.open(older, 'other'))).toBe('secret_box_auth_failed');
    expect(codeOf(() => rotated.open(new SecretBox(randomBytes(32)).seal(secret, 'ctx'), 'ctx'))).toBe('secret_box_auth_failed');
    expect(codeOf(() => new SecretBox(randomBytes(32), [randomBytes(31)]))).toBe('secret_box_key_invalid');
  });
});
