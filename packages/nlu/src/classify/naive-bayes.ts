import { z } from 'zod';
import type { SparseVector } from '../features/sparse-vector.js';
import { decodeInt32, encodeInt32 } from '../features/typed-array-codec.js';

export const naiveBayesOptionsSchema = z.object({
  /** Additive (Lidstone) smoothing of the per-class feature counts. */
  alpha: z.number().positive().default(0.1),
});
export type NaiveBayesOptions = z.input<typeof naiveBayesOptionsSchema>;

/**
 * Counts are kept sparse (most features occur in one or two classes), in CSR layout:
 * the classes and counts of feature f are at positions offsets[f] … offsets[f + 1] − 1.
 */
export const naiveBayesJsonSchema = z.object({
  alpha: z.number().positive(),
  logPrior: z.array(z.number()),
  /** log(feature occurrences in the class + alpha × vocabulary size): the smoothed denominator. */
  logClassMass: z.array(z.number()),
  offsets: z.string(),
  classes: z.string(),
  counts: z.string(),
});
export type NaiveBayesJson = z.infer<typeof naiveBayesJsonSchema>;

/**
 * Multinomial naive Bayes over feature presence (a feature counts once per text). On short texts
 * it makes different mistakes from logistic regression — it trusts rare, telling n-grams that the
 * regularised regression spreads thin — so the two together beat either (Wang & Manning 2012).
 * Scores are log P(class) + Σ log P(feature | class) up to a constant shared by all classes.
 */
export class MultinomialNaiveBayes {
  /** log(1 + count/alpha) per stored count: what a present feature adds to its classes' scores. */
  private readonly gainOf: Float32Array;

  private constructor(
    private readonly alpha: number,
    private readonly logPrior: Float64Array,
    private readonly logClassMass: Float64Array,
    private readonly offsets: Int32Array,
    private readonly classOf: Int32Array,
    private readonly countOf: Int32Array,
  ) {
    this.gainOf = Float32Array.from(countOf, (n) => Math.log1p(n / alpha));
  }

  static train(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number, options: NaiveBayesOptions = {}): MultinomialNaiveBayes {
    const { alpha } = naiveBayesOptionsSchema.parse(options);
    const perFeature = new Map<number, Map<number, number>>();
    const mass = new Float64Array(classes);
    const prior = new Float64Array(classes);
    xs.forEach((x, i) => {
      const y = ys[i] as number;
      prior[y]! += 1;
      for (const f of x.indices) {
        let row = perFeature.get(f);
        if (!row) perFeature.set(f, (row = new Map()));
        row.set(y, (row.get(y) ?? 0) + 1);
        mass[y]! += 1;
      }
    });
    const offsets = new Int32Array(features + 1);
    const classOf: number[] = [];
    const countOf: number[] = [];
    for (let f = 0; f < features; f++) {
      offsets[f] = classOf.length;
      const row = perFeature.get(f);
      if (row) {
        for (const [k, n] of [...row.entries()].sort((a, b) => a[0] - b[0])) {
          classOf.push(k);
          countOf.push(n);
        }
      }
    }
    offsets[features] = classOf.length;
    // A class without examples gets the smallest prior instead of log(0).
    const logPrior = prior.map((n) => Math.log(Math.max(n, 0.5) / Math.max(xs.length, 1)));
    const logClassMass = mass.map((m) => Math.log(m + alpha * features));
    return new MultinomialNaiveBayes(alpha, logPrior, logClassMass, offsets, Int32Array.from(classOf), Int32Array.from(countOf));
  }

  static fromJSON(json: NaiveBayesJson): MultinomialNaiveBayes {
    return new MultinomialNaiveBayes(
      json.alpha,
      Float64Array.from(json.logPrior),
      Float64Array.from(json.logClassMass),
      decodeInt32(json.offsets),
      decodeInt32(json.classes),
      decodeInt32(json.counts),
    );
  }

  /**
   * Log joint probability of each class and the text's known features, less the constant n·log(alpha).
   * log((count + α) / mass) = log α − log mass + log(1 + count/α), so only nonzero counts need a lookup.
   */
  scores(x: SparseVector): Float64Array {
    const K = this.logPrior.length;
    const out = Float64Array.from(this.logPrior);
    const vocabulary = this.offsets.length - 1;
    let known = 0;
    for (const f of x.indices) {
      if (f < 0 || f >= vocabulary) continue;
      known++;
      for (let j = this.offsets[f] as number; j < (this.offsets[f + 1] as number); j++) {
        out[this.classOf[j] as number]! += this.gainOf[j] as number;
      }
    }
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) - known * (this.logClassMass[k] as number);
    return out;
  }

  toJSON(): NaiveBayesJson {
    return {
      alpha: this.alpha,
      logPrior: [...this.logPrior],
      logClassMass: [...this.logClassMass],
      offsets: encodeInt32(this.offsets),
      classes: encodeInt32(this.classOf),
      counts: encodeInt32(this.countOf),
    };
  }
}
