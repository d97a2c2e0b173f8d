import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';
import { WidgetApiError } from './widget-api-error.js';

const backoff = (attempt: number) => 1000 * 2 ** (attempt - 1);
const limited = (retryAfterMs: number | null) => new WidgetApiError('rate_limited', 429, 'Too many requests', retryAfterMs);

describe('retry delay', () => {
  it('waits what the server asked for, whatever the attempt', () => {
    expect(retryDelay(limited(3000), 1, backoff)).toBe(3000);
    expect(retryDelay(limited(3000), 5, backoff)).toBe(3000);
  });

  it('falls back to the backoff when the server named no wait', () => {
    expect(retryDelay(limited(null), 3, backoff)).toBe(4000);
    expect(retryDelay(new WidgetApiError('network_error', 0, 'Failed to fetch'), 2, backoff)).toBe(2000);
  });

  it('never spins on "Retry-After: 0" and never parks the visitor for hours', () => {
    expect(retryDelay(limited(0), 1, backoff)).toBe(500);
    expect(retryDelay(limited(6 * 3600_000), 1, backoff)).toBe(600_000);
  });
});
