import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zhida-signature';
export const TIMESTAMP_HEADER = 'x-zhida-timestamp';
/** Requests older (or further in the future) than this are refused, so a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface SignedParts {
  /** Unix time in milliseconds, as sent in X-Zhida-Timestamp. */
  timestamp: string;
  method: string;
  /** Path with query string, e.g. `/orders/2026?expand=items`. */
  path: string;
  body: string;
}

/**
 * `hex(HMAC-SHA256(secret, timestamp + "\n" + METHOD + "\n" + path + "\n" + body))`.
 *
 * @example signZhidaRequest('s3cret', { timestamp: '1764036000000', method: 'GET', path: '/orders/1', body: '' })
 */
export function signZhidaRequest(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(`${parts.timestamp}\n${parts.method.toUpperCase()}\n${parts.path}\n${parts.body}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/**
 * For the receiving side (a CRM adapter): checks the signature in constant time
 * and refuses timestamps more than 5 minutes away from `now`.
 *
 * @example
 * const check = verifyZhidaSignature(secret, { timestamp: req.headers['x-zhida-timestamp'], signature: req.headers['x-zhida-signature'], method: req.method, path: req.url, body: rawBody });
 * if (!check.ok) return reply.status(401).send();
 */
export function verifyZhidaSignature(
  secret: string,
  request: { timestamp: string | undefined; signature: string | undefined; method: string; path: string; body: string },
  now: Date = new Date(),
): SignatureCheck {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{10,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'missing' };
  if (Math.abs(now.getTime() - Number(timestamp)) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signZhidaRequest(secret, { timestamp, method: request.method, path: request.path, body: request.body }), 'hex');
  const actual = Buffer.from(signature, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
