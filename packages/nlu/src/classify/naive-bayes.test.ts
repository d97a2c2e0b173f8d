import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../features/sparse-vector.js';
import { MultinomialNaiveBayes } from './naive-bayes.js';

const vec = (...indices: number[]): SparseVector => ({ indices: Int32Array.from(indices), values: new Float32Array(indices.length).fill(1) });

// Features: 0 = 退款, 1 = 发票, 2 = 我要, 3 = 原路 (seen once, in refund only).
const xs = [vec(0, 2), vec(0, 3), vec(0), vec(1, 2), vec(1)];
const ys = [0, 0, 0, 1, 1];

describe('multinomial naive Bayes', () => {
  const nb = MultinomialNaiveBayes.train(xs, ys, 2, 4, { alpha: 0.1 });

  it('matches the textbook log joint up to a constant shared by the classes', () => {
    // Class 0: 5 feature occurrences, class 1: 3; vocabulary 4; alpha 0.1.
    const textbook = (k: number, counts: number[]): number => {
      const mass = [5, 3][k]! + 0.1 * 4;
      const prior = [3 / 5, 2 / 5][k]!;
      return Math.log(prior) + counts.reduce((s, c) => s + Math.log((c + 0.1) / mass), 0);
    };
    const s = nb.scores(vec(2, 3));
    // 我要 occurs once in each class; 原路 once in refund only.
    const expected = [textbook(0, [1, 1]), textbook(1, [1, 0])];
    // Float32 gains: equal to about 1e-7.
    expect(s[0]! - s[1]!).toBeCloseTo(expected[0]! - expected[1]!, 6);
  });

  it('lets one rare, telling feature decide', () => {
    const s = nb.scores(vec(2, 3));
    expect(s[0]).toBeGreaterThan(s[1]!);
  });

  it('ignores features outside the trained vocabulary', () => {
    expect([...nb.scores(vec(0, 99))]).toEqual([...nb.scores(vec(0))]);
  });

  it('round-trips through JSON', () => {
    const restored = MultinomialNaiveBayes.fromJSON(JSON.parse(JSON.stringify(nb.toJSON())));
    expect([...restored.scores(vec(0, 1, 2, 3))]).toEqual([...nb.scores(vec(0, 1, 2, 3))]);
  });
});
