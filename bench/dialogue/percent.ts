/**
 * `n` of `d` as a percentage with one decimal, or `—` when there is nothing to divide by.
 *
 * @example percent(9, 10) // → '90.0 %'
 */
export function percent(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`;
}
