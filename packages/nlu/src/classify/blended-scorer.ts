import type { SparseVector } from '../features/sparse-vector.js';
import { MultinomialNaiveBayes, type NaiveBayesJson } from './naive-bayes.js';
import { SoftmaxRegression, type SoftmaxRegressionJson, type SoftmaxTrainingOptions } from './softmax-regression.js';

/** Both models' log-probabilities for one text, before blending. */
export type ScorerParts = { regression: Float64Array; naiveBayes: Float64Array | null };

/** Naive Bayes weights tried on held-out data; 0 keeps the regression alone. */
export const BLEND_WEIGHTS = [0, 0.05, 0.1, 0.2] as const;

/**
 * Scores a text for every class: the log-probabilities of a softmax regression plus `weight` × those
 * of multinomial naive Bayes — a product of experts, read by the classifier as logits (its temperature
 * and threshold are fitted on these). The regression spreads weight over many common n-grams; naive
 * Bayes trusts rare telling ones, which on short intents the two get wrong in different places.
 * The weight is chosen on held-out data ({@link chooseBlendWeight}): on the industry templates it
 * lifted 5-fold accuracy from 93.8 to 95.0 %, while on long sentiment reviews naive Bayes only hurts.
 */
export class BlendedScorer {
  private constructor(
    readonly regression: SoftmaxRegression,
    readonly naiveBayes: MultinomialNaiveBayes | null,
    readonly weight: number,
  ) {}

  /** Trains both parts; `naiveBayesAlpha` null trains the regression only. */
  static train(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number, training: SoftmaxTrainingOptions | undefined, naiveBayesAlpha: number | null): BlendedScorer {
    return new BlendedScorer(
      SoftmaxRegression.train(xs, ys, classes, features, training),
      naiveBayesAlpha === null ? null : MultinomialNaiveBayes.train(xs, ys, classes, features, { alpha: naiveBayesAlpha }),
      0,
    );
  }

  static fromJSON(regression: SoftmaxRegressionJson, naiveBayes: NaiveBayesJson | undefined, weight: number | undefined): BlendedScorer {
    const w = weight ?? 0;
    return new BlendedScorer(SoftmaxRegression.fromJSON(regression), naiveBayes && w > 0 ? MultinomialNaiveBayes.fromJSON(naiveBayes) : null, naiveBayes && w > 0 ? w : 0);
  }

  /** The same models blended with another weight; weight 0 drops naive Bayes. */
  withWeight(weight: number): BlendedScorer {
    return new BlendedScorer(this.regression, weight > 0 ? this.naiveBayes : null, this.naiveBayes && weight > 0 ? weight : 0);
  }

  parts(x: SparseVector): ScorerParts {
    return { regression: logSoftmaxInPlace(this.regression.logits(x)), naiveBayes: this.naiveBayes ? logSoftmaxInPlace(this.naiveBayes.scores(x)) : null };
  }

  logits(x: SparseVector): Float64Array {
    return blendParts(this.parts(x), this.weight);
  }
}

/** regression + weight × naive Bayes, in a new array. */
export function blendParts(parts: ScorerParts, weight: number): Float64Array {
  const out = Float64Array.from(parts.regression);
  if (parts.naiveBayes && weight > 0) for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) + weight * (parts.naiveBayes[k] as number);
  return out;
}

/**
 * The blend weight with the most held-out examples right (an explicit out-of-scope class counts as a class;
 * examples with an unknown label, -1, are skipped). Ties go to the smaller weight.
 */
export function chooseBlendWeight(heldOut: readonly { parts: ScorerParts; label: number }[], weights: readonly number[] = BLEND_WEIGHTS): number {
  let best = 0;
  let bestCorrect = -1;
  for (const w of weights) {
    let correct = 0;
    for (const h of heldOut) {
      if (h.label < 0) continue;
      const s = blendParts(h.parts, w);
      let top = 0;
      for (let k = 1; k < s.length; k++) if ((s[k] as number) > (s[top] as number)) top = k;
      if (top === h.label) correct++;
    }
    if (correct > bestCorrect) {
      bestCorrect = correct;
      best = w;
    }
  }
  return best;
}

function logSoftmaxInPlace(v: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (const x of v) sum += Math.exp(x - max);
  const shift = max + Math.log(sum);
  for (let k = 0; k < v.length; k++) v[k] = (v[k] as number) - shift;
  return v;
}
