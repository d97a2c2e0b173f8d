import { describe, expect, it } from 'vitest';
import { blendParts, chooseBlendWeight, type ScorerParts } from './blended-scorer.js';

const parts = (regression: number[], naiveBayes: number[]): ScorerParts => ({ regression: Float64Array.from(regression), naiveBayes: Float64Array.from(naiveBayes) });

describe('blending regression and naive Bayes', () => {
  it('adds weight × naive Bayes to the regression', () => {
    expect([...blendParts(parts([-0.1, -2.4], [-5, -0.01]), 0.5)]).toEqual([-0.1 - 2.5, -2.4 - 0.005]);
    expect([...blendParts({ regression: Float64Array.from([-1, -2]), naiveBayes: null }, 0.5)]).toEqual([-1, -2]);
  });

  it('picks a weight where naive Bayes fixes the regression’s near misses', () => {
    // The regression narrowly prefers the wrong class 0 on two examples; naive Bayes is sure of class 1.
    const heldOut = [
      { parts: parts([-0.6, -0.8], [-20, -0.01]), label: 1 },
      { parts: parts([-0.65, -0.75], [-15, -0.01]), label: 1 },
      { parts: parts([-0.1, -2.4], [-1, -0.5]), label: 0 },
    ];
    expect(chooseBlendWeight(heldOut)).toBeGreaterThan(0);
  });

  it('keeps the regression alone when naive Bayes only hurts, and ignores unknown labels', () => {
    const heldOut = [
      { parts: parts([-0.1, -2.4], [-30, -0.01]), label: 0 },
      { parts: parts([-2.4, -0.1], [-0.01, -30]), label: 1 },
      { parts: parts([-2.4, -0.1], [-0.01, -30]), label: -1 },
    ];
    expect(chooseBlendWeight(heldOut)).toBe(0);
  });
});
