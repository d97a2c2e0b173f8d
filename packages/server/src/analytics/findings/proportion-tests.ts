/** Standard normal upper tail P(Z ≥ z), by the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

export interface ProportionTest {
  /** Events ÷ trials now and in the reference (own baseline or peers). */
  rate: number;
  referenceRate: number;
  z: number;
  /** One-sided: the chance of a rise at least this large if the true rates were equal. */
  pValue: number;
}

/**
 * Two-proportion z-test with the pooled standard error, one-sided for an increase (a bottleneck
 * is a rate going up): H0 p_now = p_ref, H1 p_now > p_ref.
 * @example twoProportionIncrease(38, 100, 60, 500).pValue // ≈ 1e-10
 */
export function twoProportionIncrease(events: number, trials: number, referenceEvents: number, referenceTrials: number): ProportionTest {
  const rate = trials > 0 ? events / trials : 0;
  const referenceRate = referenceTrials > 0 ? referenceEvents / referenceTrials : 0;
  const pooled = (events + referenceEvents) / (trials + referenceTrials || 1);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / (trials || 1) + 1 / (referenceTrials || 1)));
  const z = se > 0 ? (rate - referenceRate) / se : 0;
  return { rate, referenceRate, z, pValue: se > 0 ? normalUpperTail(z) : 1 };
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: controlling the false
 * discovery rate across all the tests of one run — dozens of steps, intents and FAQs each day would
 * otherwise flag a few by chance alone.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    q[i] = running;
  }
  return q;
}
