import { softmaxInPlace } from './softmax.js';

/**
 * Finds the softmax temperature that minimises negative log-likelihood of held-out labels
 * (temperature scaling, Guo et al. 2017). Labels of -1 (out of scope) are skipped.
 * @example fitTemperature(logitsOfValidation, labels) // e.g. 0.42
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let i = 0; i <= 80; i++) {
    const t = Math.exp(Math.log(0.02) + (i / 80) * (Math.log(20) - Math.log(0.02)));
    let loss = 0;
    let n = 0;
    logits.forEach((l, j) => {
      const y = labels[j] as number;
      if (y < 0) return;
      const p = softmaxInPlace(Float64Array.from(l), t);
      loss -= Math.log(Math.max(p[y] as number, 1e-12));
      n++;
    });
    if (n > 0 && loss / n < bestLoss) {
      bestLoss = loss / n;
      best = t;
    }
  }
  return best;
}
