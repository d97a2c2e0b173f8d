import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random bearer secret; only its SHA-256 is ever stored. */
export function newSecretToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
