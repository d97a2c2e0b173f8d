import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signature: sha1 of the parts sorted as strings and joined
 * (plain mode: token, timestamp, nonce; encrypted mode adds the Encrypt text).
 * @example wechatSignature(['token', '1700000000', 'nonce']) // 40 hex chars
 */
export function wechatSignature(parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
