import { maskPii } from '@zhida/nlu';

/** Fields that are secret whatever their content: removed from log lines by pino's redaction. */
export const PII_REDACT_PATHS = ['*.password', '*.currentPassword', '*.newPassword', '*.visitorToken', '*.userHash', '*.secret', 'req.query.token'];

const MAX_DEPTH = 6;
// Digits, @ or a long run of them is where a phone, ID, card or e-mail can be; most log strings have none and skip the detector.
const MAY_HOLD_PII = /\d{6}|@/;

/**
 * A log line's fields with personal data masked by the NLU PII detector (`138****5678`,
 * `110105********002X`, `z***@example.com`): URLs with a phone in the query, error messages that
 * echo input, message text a module logs. Used as pino's `formatters.log`.
 * @example maskPiiInLogObject({ url: '/x?mobile=13812345678' }) // { url: '/x?mobile=138****5678' }
 */
export function maskPiiInLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  return mask(obj, 0) as Record<string, unknown>;
}

/**
 * Any JSON-like value with personal data masked in every string: what leaves the platform in an
 * outbound webhook, so a receiver's logs never hold a customer's full phone, ID or card number.
 * @example maskPiiDeep({ reply: { body: '电话13812345678' } }) // { reply: { body: '电话138****5678' } }
 */
export function maskPiiDeep<T>(value: T): T {
  return mask(value, 0) as T;
}

function mask(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return MAY_HOLD_PII.test(value) ? maskPii(value) : value;
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // pino's error serializer runs after this: keep an Error, with its text masked.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value) as object) as Error, value);
    copy.message = mask(value.message, depth + 1) as string;
    if (value.stack) copy.stack = mask(value.stack, depth + 1) as string;
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
  // Requests, replies and sockets are serialized by pino's own serializers; leave them alone.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mask(v, depth + 1);
  return out;
}

/** Fastify's request serializer with the URL masked (a phone or ID number in a query string). */
export function maskedRequestSerializer(req: { method: string; url: string; hostname?: string; host?: string; ip?: string; socket?: { remotePort?: number } }): Record<string, unknown> {
  return { method: req.method, url: mask(req.url, 0), host: req.host ?? req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
