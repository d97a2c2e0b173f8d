/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion (clicks ÷ exposures): unlike the normal approximation it
 * stays inside [0, 1] and behaves for small counts and rates near 0.
 * @example wilsonInterval(30, 200) // { low: 0.107…, high: 0.206… }
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Interval of the difference of two proportions p1 − p2 by Newcombe's method 10 (hybrid score,
 * built from the two Wilson intervals): well behaved where the Wald interval of a difference is not.
 * @example differenceInterval(60, 300, 40, 300) // { low: 0.006…, high: 0.124… }
 */
export function differenceInterval(s1: number, n1: number, s2: number, n2: number, z = Z95): Interval {
  const p1 = n1 > 0 ? s1 / n1 : 0;
  const p2 = n2 > 0 ? s2 / n2 : 0;
  const a = wilsonInterval(s1, n1, z);
  const b = wilsonInterval(s2, n2, z);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/**
 * Relative lift (p1 ÷ p2 − 1) with a 95 % interval from the log of the risk ratio (Katz), or null
 * while either arm has no clicks.
 */
export function liftInterval(s1: number, n1: number, s2: number, n2: number, z = Z95): { lift: number; low: number; high: number } | null {
  if (s1 <= 0 || s2 <= 0 || n1 <= 0 || n2 <= 0) return null;
  const ratio = s1 / n1 / (s2 / n2);
  const se = Math.sqrt(1 / s1 - 1 / n1 + 1 / s2 - 1 / n2);
  return { lift: ratio - 1, low: ratio * Math.exp(-z * se) - 1, high: ratio * Math.exp(z * se) - 1 };
}
