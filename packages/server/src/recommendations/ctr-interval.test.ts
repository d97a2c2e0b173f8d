import { describe, expect, it } from 'vitest';
import { differenceInterval, liftInterval, wilsonInterval } from './ctr-interval.js';

describe('CTR intervals', () => {
  it('matches published Wilson intervals', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611.
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 3);
    expect(a.high).toBeCloseTo(0.3662, 3);
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 3);
    expect(b.high).toBeCloseTo(0.1605, 3);
    const zero = wilsonInterval(0, 20);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.1611, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it("matches Newcombe's method 10 for a difference", () => {
    // Newcombe (1998), "Interval estimation for the difference between independent proportions", example (a): 56/70 − 48/80 → 0.0524 to 0.3339.
    const d = differenceInterval(56, 70, 48, 80);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
    // Symmetric: swapping the arms mirrors the interval.
    const back = differenceInterval(48, 80, 56, 70);
    expect(back.low).toBeCloseTo(-d.high, 10);
    expect(back.high).toBeCloseTo(-d.low, 10);
  });

  it('gives the lift with an interval that excludes 0 only for a clear difference', () => {
    const clear = liftInterval(300, 1000, 200, 1000)!;
    expect(clear.lift).toBeCloseTo(0.5, 10);
    expect(clear.low).toBeGreaterThan(0);
    const noise = liftInterval(21, 200, 20, 200)!;
    expect(noise.low).toBeLessThan(0);
    expect(noise.high).toBeGreaterThan(0);
    expect(liftInterval(0, 100, 5, 100)).toBeNull();
  });
});
