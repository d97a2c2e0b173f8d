import { describe, expect, it } from 'vitest';
import { fitTemperature } from './fit-temperature.js';
import { tuneThreshold } from './tune-threshold.js';

describe('confidence calibration', () => {
  it('sharpens an under-confident model whose top class is always right', () => {
    const logits = [Float64Array.of(1, 0, 0), Float64Array.of(0, 1, 0), Float64Array.of(0, 0, 1)];
    expect(fitTemperature(logits, [0, 1, 2])).toBeLessThan(0.1);
  });

  it('softens an over-confident model that is often wrong', () => {
    const logits = [Float64Array.of(10, 0), Float64Array.of(10, 0), Float64Array.of(10, 0), Float64Array.of(10, 0)];
    expect(fitTemperature(logits, [0, 1, 0, 1])).toBeGreaterThan(5);
  });

  it('puts the abstention threshold between in-scope and out-of-scope confidences', () => {
    const samples = [
      { confidence: 0.9, correct: true, outOfScope: false },
      { confidence: 0.8, correct: true, outOfScope: false },
      { confidence: 0.3, correct: false, outOfScope: true },
      { confidence: 0.4, correct: false, outOfScope: true },
    ];
    const t = tuneThreshold(samples);
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThanOrEqual(0.8);
  });

  it('without out-of-scope samples, rejects only a small share of correct answers', () => {
    const samples = Array.from({ length: 100 }, (_, i) => ({ confidence: (i + 1) / 100, correct: true, outOfScope: false }));
    expect(tuneThreshold(samples, 0.05)).toBeCloseTo(0.06);
  });

  it('never turns away more than maxRejected of the correct answers, however many out-of-scope samples sit high', () => {
    // 100 correct in-scope answers with confidence 0.01..1.00 and five confident out-of-scope samples:
    // maximising accuracy + OOS recall alone would put the threshold above 0.9.
    const inScope = Array.from({ length: 100 }, (_, i) => ({ confidence: (i + 1) / 100, correct: true, outOfScope: false }));
    const oos = [0.91, 0.92, 0.93, 0.94, 0.95].map((confidence) => ({ confidence, correct: false, outOfScope: true }));
    expect(tuneThreshold([...inScope, ...oos], 0.05)).toBeCloseTo(0.06);
    expect(tuneThreshold([...inScope, ...oos], 0.02)).toBeCloseTo(0.03);
  });
});
