import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests further than this from our clock are refused, so a captured request cannot be replayed later. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The receiving side of Zhida's request signing, as a customer's CRM writes it:
 * `X-Zhida-Signature = hex(HMAC-SHA256(secret, timestamp + "\n" + METHOD + "\n" + path?query + "\n" + body))`,
 * compared in constant time, with `X-Zhida-Timestamp` (ms) within 5 minutes of now.
 */
export function zhidaSignatureValid(secret: string, request: { timestamp: string | undefined; signature: string | undefined; method: string; path: string; body: string }, now: Date): boolean {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{10,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now.getTime() - Number(timestamp)) > MAX_CLOCK_SKEW_MS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${request.method.toUpperCase()}\n${request.path}\n${request.body}`).digest();
  const actual = Buffer.from(signature, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
