/**
 * Softmax of `scores / temperature`, in place (numerically stable: the max is subtracted first).
 * @example softmaxInPlace(Float64Array.of(2, 1), 0.5) // Float64Array [0.88, 0.12]
 */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(((scores[k] as number) - max) / temperature);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return scores;
}
