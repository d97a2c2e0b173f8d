import { describe, expect, it } from 'vitest';
import { AlertDedupe } from './alert-dedupe.js';

describe('high-risk alert dedupe', () => {
  it('lets a request through once and swallows its repeats', () => {
    const dedupe = new AlertDedupe(60_000);
    expect(dedupe.admit('r1', 0)).toBe(true);
    expect(dedupe.admit('r1', 5_000)).toBe(false);
    expect(dedupe.admit('r2', 5_000)).toBe(true);
  });

  it('alerts the same request again once it has been forgotten', () => {
    const dedupe = new AlertDedupe(60_000);
    expect(dedupe.admit('r1', 0)).toBe(true);
    expect(dedupe.admit('r1', 59_000)).toBe(false);
    expect(dedupe.admit('r1', 60_001)).toBe(true);
  });

  it('keeps memory bounded by dropping the oldest requests first', () => {
    const dedupe = new AlertDedupe(60 * 60_000);
    for (let i = 0; i < 501; i += 1) dedupe.admit(`r${i}`, i);
    expect(dedupe.admit('r0', 600)).toBe(true);
    expect(dedupe.admit('r500', 600)).toBe(false);
  });
});
