import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, normalUpperTail, twoProportionIncrease } from './proportion-tests.js';

describe('proportion tests', () => {
  it('computes the normal tail to table precision', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(3)).toBeCloseTo(0.0013499, 6);
    expect(normalUpperTail(-1.644854)).toBeCloseTo(0.95, 6);
  });

  it('tests a rise of a proportion with the pooled z statistic', () => {
    // 38/100 against 60/500: pooled 98/600, se = sqrt(.1633·.8367·(1/100+1/500)) = 0.04050, z = (0.38 − 0.12)/0.04050 = 6.42.
    const clear = twoProportionIncrease(38, 100, 60, 500);
    expect(clear.z).toBeCloseTo(6.42, 2);
    expect(clear.pValue).toBeLessThan(1e-9);
    const noise = twoProportionIncrease(14, 100, 60, 500);
    expect(noise.pValue).toBeGreaterThan(0.2);
    // A fall is not a bottleneck: one-sided.
    expect(twoProportionIncrease(5, 100, 60, 500).pValue).toBeGreaterThan(0.9);
    expect(twoProportionIncrease(0, 0, 0, 0).pValue).toBe(1);
  });

  it('adjusts p-values by Benjamini–Hochberg, monotone in rank', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    const q = benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]);
    expect(q[0]).toBeCloseTo(0.01, 10);
    expect(q[1]).toBeCloseTo(0.04, 10);
    // Ranks 3–5 take rank 5's 0.042·10/5: a larger p at a later rank can lower an earlier q.
    expect(q[2]).toBeCloseTo(0.084, 10);
    expect(q[4]).toBeCloseTo(0.084, 10);
    expect(q[9]).toBeCloseTo(0.216, 10);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
