import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';

describe('classification metrics', () => {
  const pairs = [
    { gold: 'refund', predicted: 'refund' },
    { gold: 'refund', predicted: 'invoice' },
    { gold: 'invoice', predicted: 'invoice' },
    { gold: 'oos', predicted: null },
    { gold: 'oos', predicted: 'refund' },
  ];
  const m = classificationMetrics(pairs);

  it('counts an abstention as the out-of-scope label', () => {
    expect(m.accuracy).toBeCloseTo(3 / 5);
    expect(m.oosRecall).toBeCloseTo(1 / 2);
  });

  it('scores in-scope rows separately', () => {
    expect(m.inScopeAccuracy).toBeCloseTo(2 / 3);
  });

  it('averages F1 over in-scope gold labels only', () => {
    // refund: tp 1, fp 1 (from oos), fn 1 → 0.5; invoice: tp 1, fp 1, fn 0 → 2/3.
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2);
  });

  it('has no OOS recall when nothing is out of scope', () => {
    expect(classificationMetrics([{ gold: 'a', predicted: 'a' }]).oosRecall).toBeNull();
  });
});
