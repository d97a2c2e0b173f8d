/**
 * One held-out prediction: its calibrated top confidence, whether the top class was right
 * (for an out-of-scope sample: whether it was predicted as the explicit out-of-scope class),
 * and whether the example is out of scope.
 */
export type ThresholdSample = { confidence: number; correct: boolean; outOfScope: boolean };

/**
 * Picks the confidence threshold below which the classifier abstains. With out-of-scope
 * samples it maximises in-scope accuracy + `oosRecallWeight` × OOS recall (by default both
 * count equally, whatever the class balance); in every case it rejects at most `maxRejected`
 * of the correctly classified in-scope samples. That cap keeps the threshold stable: a few dozen
 * out-of-scope examples would otherwise move it anywhere between 0.3 and 0.8 from one data
 * version to the next, and a high one turns away answers the model had right.
 */
export function tuneThreshold(samples: readonly ThresholdSample[], maxRejected = 0.05, oosRecallWeight = 1): number {
  const inScope = samples.filter((s) => !s.outOfScope);
  const oos = samples.filter((s) => s.outOfScope);
  if (inScope.length === 0) return 0.5;
  const correct = inScope.filter((s) => s.correct).map((s) => s.confidence).sort((a, b) => a - b);
  if (correct.length === 0) return 0;
  const cap = correct[Math.floor(correct.length * maxRejected)] ?? 0;
  if (oos.length === 0) return cap;
  const candidates = [...new Set(samples.map((s) => s.confidence))].sort((a, b) => a - b);
  let best = 0;
  let bestScore = -Infinity;
  for (const c of [0, ...candidates]) {
    // Predictions at or above the threshold are kept.
    const acc = inScope.filter((s) => s.correct && s.confidence >= c).length / inScope.length;
    const recall = oos.filter((s) => s.correct || s.confidence < c).length / oos.length;
    const score = acc + oosRecallWeight * recall;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return Math.min(best, cap);
}
