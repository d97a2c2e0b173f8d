import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a logged-in customer's identity hash, `hex(HMAC-SHA256(secret, userId))`,
 * which the tenant's own backend computes. Compared in constant time.
 */
export function verifyIdentityHash(secret: string, userId: string, userHash: string): boolean {
  const expected = createHmac('sha256', secret).update(userId).digest();
  if (!/^[0-9a-f]{64}$/i.test(userHash)) return false;
  return timingSafeEqual(expected, Buffer.from(userHash, 'hex'));
}

export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}
