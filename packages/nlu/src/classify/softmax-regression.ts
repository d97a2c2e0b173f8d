import { z } from 'zod';
import { decodeFloat32, encodeFloat32 } from '../features/typed-array-codec.js';
import type { SparseVector } from '../features/sparse-vector.js';
import { SeededRandom } from './seeded-random.js';
import { softmaxInPlace } from './softmax.js';

const GRADIENT_FLOOR = 1e-4;

export const softmaxTrainingOptionsSchema = z.object({
  epochs: z.number().int().min(1).default(12),
  /** L2 penalty per example. */
  l2: z.number().min(0).default(1e-5),
  learningRate: z.number().positive().default(0.5),
  /** Weight classes inversely to their frequency. */
  balanced: z.boolean().default(false),
  /** Step size over time: linear decay to ~0 (as fastText) or Bottou's 1/t. */
  schedule: z.enum(['linear', 'inverse']).default('linear'),
  seed: z.number().int().default(42),
});
export type SoftmaxTrainingOptions = z.input<typeof softmaxTrainingOptionsSchema>;

export const softmaxRegressionJsonSchema = z.object({
  classes: z.number().int().min(1),
  features: z.number().int().min(0),
  weights: z.string(),
  bias: z.array(z.number()),
});
export type SoftmaxRegressionJson = z.infer<typeof softmaxRegressionJsonSchema>;

/**
 * Multinomial logistic regression over sparse vectors, trained by SGD with exact L2 decay
 * (via a running scale factor, so each step only touches the example's features).
 * Weights are laid out feature-major so that one feature's K class weights are contiguous.
 */
export class SoftmaxRegression {
  private constructor(
    readonly classes: number,
    readonly features: number,
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
  ) {}

  /** Trains on `xs` with integer labels in [0, classes). Deterministic given `options.seed`. */
  static train(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number, options: SoftmaxTrainingOptions = {}): SoftmaxRegression {
    const opts = softmaxTrainingOptionsSchema.parse(options);
    const K = classes;
    const W = new Float32Array(features * K);
    const b = new Float64Array(K);
    const classWeight = new Float64Array(K).fill(1);
    if (opts.balanced) {
      const freq = new Float64Array(K);
      for (const y of ys) freq[y]! += 1;
      for (let k = 0; k < K; k++) classWeight[k] = (freq[k] as number) > 0 ? ys.length / (K * (freq[k] as number)) : 1;
    }
    const rng = new SeededRandom(opts.seed);
    const order = Array.from(xs.keys());
    const scores = new Float64Array(K);
    const activeClasses = new Int32Array(K);
    const activeGrads = new Float64Array(K);
    let scale = 1;
    let t = 0;
    const lambda = opts.l2;
    const totalSteps = opts.epochs * xs.length;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      rng.shuffle(order);
      for (const i of order) {
        const x = xs[i] as SparseVector;
        const y = ys[i] as number;
        const lr =
          opts.schedule === 'linear'
            ? opts.learningRate * Math.max(0.001, 1 - t / totalSteps)
            : opts.learningRate / (1 + opts.learningRate * Math.max(lambda, 1e-6) * t);
        t++;
        SoftmaxRegression.logits(W, b, x, K, scale, scores);
        softmaxInPlace(scores);
        const cw = classWeight[y] as number;
        scale *= 1 - lr * lambda;
        if (scale < 1e-6) {
          for (let j = 0; j < W.length; j++) W[j]! *= scale;
          scale = 1;
        }
        const step = (lr * cw) / scale;
        const { indices, values } = x;
        // Once the model fits, most classes get a negligible gradient; updating only the
        // others makes an epoch several times cheaper with no measurable loss in accuracy.
        let active = 0;
        for (let k = 0; k < K; k++) {
          const g = (scores[k] as number) - (k === y ? 1 : 0);
          b[k]! -= lr * cw * g;
          if (g > GRADIENT_FLOOR || g < -GRADIENT_FLOOR) {
            activeClasses[active] = k;
            activeGrads[active] = g;
            active++;
          }
        }
        for (let j = 0; j < indices.length; j++) {
          const base = (indices[j] as number) * K;
          const v = (values[j] as number) * step;
          for (let a = 0; a < active; a++) W[base + (activeClasses[a] as number)]! -= v * (activeGrads[a] as number);
        }
      }
    }
    if (scale !== 1) for (let j = 0; j < W.length; j++) W[j]! *= scale;
    return new SoftmaxRegression(K, features, W, b);
  }

  static fromJSON(json: SoftmaxRegressionJson): SoftmaxRegression {
    return new SoftmaxRegression(json.classes, json.features, decodeFloat32(json.weights), Float64Array.from(json.bias));
  }

  /** Raw class scores (before softmax). */
  logits(x: SparseVector): Float64Array {
    const out = new Float64Array(this.classes);
    SoftmaxRegression.logits(this.weights, this.bias, x, this.classes, 1, out);
    return out;
  }

  private static logits(W: Float32Array, b: Float64Array, x: SparseVector, K: number, scale: number, out: Float64Array): void {
    for (let k = 0; k < K; k++) out[k] = 0;
    const { indices, values } = x;
    for (let j = 0; j < indices.length; j++) {
      const base = (indices[j] as number) * K;
      const v = values[j] as number;
      for (let k = 0; k < K; k++) out[k]! += v * (W[base + k] as number);
    }
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) * scale + (b[k] as number);
  }

  toJSON(): SoftmaxRegressionJson {
    return { classes: this.classes, features: this.features, weights: encodeFloat32(this.weights), bias: [...this.bias] };
  }
}
