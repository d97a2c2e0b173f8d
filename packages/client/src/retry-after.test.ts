import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2026, 10, 25, 8, 0, 0);

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until then, and a date already past as no wait', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 08:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 07:59:00 GMT', NOW)).toBe(0);
  });

  it('gives null for a missing or unreadable header, so the caller uses its own backoff', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
  });
});
