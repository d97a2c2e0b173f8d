export type ClassificationMetrics = {
  /** Share of rows whose prediction equals the gold label (an abstention counts as `outOfScopeLabel`). */
  accuracy: number;
  /** Accuracy over in-scope rows only. */
  inScopeAccuracy: number;
  /** Unweighted mean F1 over gold in-scope labels. */
  macroF1: number;
  /** Share of out-of-scope rows predicted out of scope; null when there are none. */
  oosRecall: number | null;
  rows: number;
};

/**
 * Accuracy, macro-F1 and OOS recall from gold/predicted pairs. `null` predictions and the
 * label `outOfScopeLabel` both mean "out of scope".
 * @example classificationMetrics([{ gold: 'a', predicted: 'a' }, { gold: 'oos', predicted: null }]).oosRecall // 1
 */
export function classificationMetrics(
  pairs: readonly { gold: string; predicted: string | null }[],
  outOfScopeLabel = 'oos',
): ClassificationMetrics {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let oos = 0;
  let oosCaught = 0;
  for (const { gold, predicted } of pairs) {
    const p = predicted ?? outOfScopeLabel;
    if (p === gold) correct++;
    if (gold === outOfScopeLabel) {
      oos++;
      if (p === outOfScopeLabel) oosCaught++;
    } else {
      inScope++;
      if (p === gold) inScopeCorrect++;
    }
    if (p === gold) inc(tp, gold);
    else {
      inc(fn, gold);
      inc(fp, p);
    }
  }
  const labels = [...new Set(pairs.map((x) => x.gold))].filter((l) => l !== outOfScopeLabel);
  const f1s = labels.map((l) => {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    return denom === 0 ? 0 : (2 * t) / denom;
  });
  return {
    accuracy: pairs.length ? correct / pairs.length : 0,
    inScopeAccuracy: inScope ? inScopeCorrect / inScope : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    oosRecall: oos ? oosCaught / oos : null,
    rows: pairs.length,
  };
}
