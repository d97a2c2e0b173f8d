/**
 * How long a `Retry-After` header asks the client to wait, in milliseconds: either delay-seconds
 * ("120") or an HTTP date ("Wed, 25 Nov 2026 08:00:03 GMT", counted from `nowMs`; a past date is 0).
 * Null when the header is absent or unreadable, so the caller falls back to its own backoff.
 *
 * @example parseRetryAfter('3', Date.now()) // 3000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // All three HTTP date formats start with a day name; Date.parse alone would take "-5" for a year.
  if (!/^[A-Za-z]{3}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
