import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

describe('retry backoff', () => {
  it('waits about the base delay before the first retry', () => {
    expect(backoffDelay(1, { baseMs: 1000, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, { baseMs: 1000, random: () => 0.999999 })).toBe(1000);
  });

  it('doubles the window with every further attempt', () => {
    const top = (attempt: number) => backoffDelay(attempt, { baseMs: 1000, maxMs: 1_000_000, random: () => 0.999999 });
    expect([top(1), top(2), top(3), top(4)]).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, however long the outage lasts', () => {
    for (const attempt of [6, 10, 50, 1100]) {
      for (const r of [0, 0.5, 0.999999]) {
        const delay = backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000, random: () => r });
        expect(delay).toBeLessThanOrEqual(30_000);
        expect(delay).toBeGreaterThanOrEqual(15_000);
        expect(Number.isFinite(delay)).toBe(true);
      }
    }
  });

  it('retries within 5 s by default after an outage of any length, so a recovered server sees the visitor again soon', () => {
    for (const attempt of [4, 5, 8, 30]) {
      expect(backoffDelay(attempt, { random: () => 0.999999 })).toBeLessThanOrEqual(5000);
      expect(backoffDelay(attempt, { random: () => 0 })).toBeGreaterThanOrEqual(2500);
    }
  });

  it('treats nonsense attempt numbers as the first attempt rather than waiting zero or forever', () => {
    expect(backoffDelay(0, { baseMs: 1000, random: () => 0 })).toBe(500);
    expect(backoffDelay(-3, { baseMs: 1000, random: () => 0 })).toBe(500);
  });
});
