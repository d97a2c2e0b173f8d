import { z } from 'zod';
import { InvalidTrainingDataError } from '../errors/nlu-error.js';
import { featureConfigSchema, type FeatureConfigInput } from '../features/feature-config.js';
import { FeatureExtractor } from '../features/feature-extractor.js';
import type { SparseVector } from '../features/sparse-vector.js';
import { TfidfVectorizer, tfidfVectorizerJsonSchema } from '../features/tfidf-vectorizer.js';
import { normalizeText } from '../normalize/normalize-text.js';
import type { UserDictionary } from '../tokenize/user-dictionary.js';
import { fitTemperature } from './fit-temperature.js';
import { MultinomialNaiveBayes, naiveBayesJsonSchema } from './naive-bayes.js';
import { SeededRandom } from './seeded-random.js';
import { softmaxInPlace } from './softmax.js';
import { SoftmaxRegression, softmaxRegressionJsonSchema, type SoftmaxTrainingOptions } from './softmax-regression.js';
import { tuneThreshold, type ThresholdSample } from './tune-threshold.js';

/** A training or validation example. */
export type LabeledText = { text: string; label: string };
export type Candidate = { name: string; confidence: number };
export type Classification = {
  /** The winning label, or null when out of scope. */
  top: Candidate | null;
  /** Best labels first, calibrated confidences (the out-of-scope label is never listed). */
  candidates: Candidate[];
  outOfScope: boolean;
  /** The best two labels are within `margin` of each other. */
  ambiguous: boolean;
};

export type TextClassifierOptions = {
  features?: FeatureConfigInput;
  training?: SoftmaxTrainingOptions;
  /** Held-out examples for temperature and threshold; labels equal to `outOfScopeLabel` or unknown count as out of scope. */
  validation?: readonly LabeledText[];
  /** Label of an explicit "none of the above" class in training data (e.g. CLINC150's `oos`). */
  outOfScopeLabel?: string;
  /** Without validation data, fit temperature and threshold by k-fold cross-validation (skipped when folds would be tiny). */
  crossValidationFolds?: number;
  /** How much OOS recall counts against in-scope accuracy when tuning the threshold (default 1: equally). */
  oosRecallWeight?: number;
  /** Most of the correctly classified held-out examples the tuned threshold may turn away (default 0.02). */
  maxRejected?: number;
  /** Fixed abstention threshold, overriding the tuned one. */
  threshold?: number;
  /** Confidence gap below which the top two are reported as ambiguous. */
  margin?: number;
  /** Abstain when less than this share of the text's features was ever seen in training. */
  minCoverage?: number;
  userDictionary?: UserDictionary;
  /** Naive Bayes blended into the regression's log-probabilities (`weight` 0 or `false` turns it off). */
  naiveBayes?: { alpha?: number; weight?: number } | false;
};

export const textClassifierJsonSchema = z.object({
  features: featureConfigSchema,
  labels: z.array(z.string()),
  outOfScopeLabel: z.string().nullable(),
  vectorizer: tfidfVectorizerJsonSchema,
  model: softmaxRegressionJsonSchema,
  temperature: z.number().positive(),
  threshold: z.number().min(0).max(1),
  margin: z.number().min(0).max(1),
  minCoverage: z.number().min(0).max(1),
  /** Absent in models trained before the blend existed: those score by regression alone. */
  naiveBayes: naiveBayesJsonSchema.optional(),
  naiveBayesWeight: z.number().min(0).optional(),
});
export type TextClassifierJson = z.infer<typeof textClassifierJsonSchema>;

const DEFAULT_MARGIN = 0.1;
// Chosen by 5-fold cross-validation on the templates' train splits (0.05 → 0.01 tried; 0.02 scored best).
const DEFAULT_MAX_REJECTED = 0.02;
// Chit-chat shares a character or two with any Chinese intent; a real paraphrase shares far more.
const DEFAULT_MIN_COVERAGE = 0.2;
// Chosen by 5-fold cross-validation on the templates' train splits: alpha 0.05–0.3 × weight 0.07–0.14
// all scored 94.8–95.1 % against 93.8 % for the regression alone; these sit in the middle of that plateau.
const DEFAULT_NAIVE_BAYES = { alpha: 0.1, weight: 0.1 };

/** The two models a classifier scores with, and how much the naive Bayes part counts. */
type Scorers = { model: SoftmaxRegression; naiveBayes: MultinomialNaiveBayes | null; weight: number };

/**
 * A trainable text classifier: features → TF-IDF → softmax regression, with temperature-
 * calibrated confidences, abstention below a tuned threshold, and an ambiguity flag.
 * Used for intents and for sentiment polarity.
 * @example
 * const c = TextClassifier.train([{ text: '我要退货', label: 'return' }, …]);
 * c.classify('怎么退货').top // { name: 'return', confidence: 0.93 }
 */
export class TextClassifier {
  private constructor(
    private readonly json: Omit<TextClassifierJson, 'vectorizer' | 'model' | 'naiveBayes' | 'naiveBayesWeight'>,
    private readonly extractor: FeatureExtractor,
    private readonly vectorizer: TfidfVectorizer,
    private readonly scorers: Scorers,
  ) {}

  static train(examples: readonly LabeledText[], options: TextClassifierOptions = {}): TextClassifier {
    if (examples.length === 0) throw new InvalidTrainingDataError('no training examples');
    const features = featureConfigSchema.parse(options.features ?? {});
    const extractor = new FeatureExtractor(features, options.userDictionary);
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const counts = examples.map((e) => extractor.extract(normalizeText(e.text)));
    const vectorizer = TfidfVectorizer.fit(counts, features);
    const xs = counts.map((c) => vectorizer.transform(c));
    const ys = examples.map((e) => labelIndex.get(e.label) as number);
    const nbSettings = options.naiveBayes === false ? { ...DEFAULT_NAIVE_BAYES, weight: 0 } : { ...DEFAULT_NAIVE_BAYES, ...options.naiveBayes };
    const scorers = trainScorers(xs, ys, labels.length, vectorizer.size, options, nbSettings);
    const oosLabel = options.outOfScopeLabel ?? null;
    const oosIndex = oosLabel === null ? -1 : (labelIndex.get(oosLabel) ?? -1);

    // Held-out logits: from the validation set, or out-of-fold predictions.
    let heldOut: { logits: Float64Array; label: number }[] = [];
    if (options.validation && options.validation.length > 0) {
      heldOut = options.validation.map((v) => ({
        logits: blendedLogits(scorers, vectorizer.transform(extractor.extract(normalizeText(v.text)))),
        label: v.label === oosLabel ? -1 : (labelIndex.get(v.label) ?? -1),
      }));
    } else {
      heldOut = crossValidatedLogits(xs, ys, labels.length, vectorizer.size, options, nbSettings);
    }

    let temperature = 1;
    let threshold = options.threshold ?? 0;
    if (heldOut.length > 0) {
      temperature = fitTemperature(heldOut.map((h) => h.logits), heldOut.map((h) => (h.label === oosIndex ? -1 : h.label)));
      const samples: ThresholdSample[] = heldOut.map((h) => {
        const p = softmaxInPlace(Float64Array.from(h.logits), temperature);
        const best = argmaxExcluding(p, oosIndex);
        const predictedOos = oosIndex >= 0 && (p[oosIndex] as number) > (p[best] as number);
        const outOfScope = h.label < 0 || h.label === oosIndex;
        return {
          confidence: p[best] as number,
          correct: outOfScope ? predictedOos : !predictedOos && best === h.label,
          outOfScope,
        };
      });
      if (options.threshold === undefined) threshold = tuneThreshold(samples, options.maxRejected ?? DEFAULT_MAX_REJECTED, options.oosRecallWeight);
    }
    const decision = { features, labels, outOfScopeLabel: oosLabel, temperature, threshold, margin: options.margin ?? DEFAULT_MARGIN, minCoverage: options.minCoverage ?? DEFAULT_MIN_COVERAGE };
    return new TextClassifier(decision, extractor, vectorizer, scorers);
  }

  /** Restores a classifier from {@link TextClassifier.toJSON} output. */
  static fromJSON(json: TextClassifierJson, userDictionary?: UserDictionary): TextClassifier {
    const { vectorizer, model, naiveBayes, naiveBayesWeight, ...rest } = json;
    const scorers: Scorers = {
      model: SoftmaxRegression.fromJSON(model),
      naiveBayes: naiveBayes && (naiveBayesWeight ?? 0) > 0 ? MultinomialNaiveBayes.fromJSON(naiveBayes) : null,
      weight: naiveBayesWeight ?? 0,
    };
    return new TextClassifier(rest, new FeatureExtractor(json.features, userDictionary), TfidfVectorizer.fromJSON(vectorizer), scorers);
  }

  get labels(): readonly string[] {
    return this.json.labels;
  }

  get threshold(): number {
    return this.json.threshold;
  }

  /**
   * The same model with other decision settings (e.g. a tenant's stricter threshold); no retraining.
   * @example classifier.withDecision({ threshold: 0.7 }).classify('…')
   */
  withDecision(settings: { threshold?: number; margin?: number; minCoverage?: number }): TextClassifier {
    return new TextClassifier({ ...this.json, ...definedOnly(settings) }, this.extractor, this.vectorizer, this.scorers);
  }

  /** Classifies raw text. */
  classify(text: string, topK = 5): Classification {
    return this.classifyNormalized(normalizeText(text), topK);
  }

  /** Classifies text already passed through `normalizeText` (saves the work when the caller has it). */
  classifyNormalized(normalized: string, topK = 5): Classification {
    const counts = this.extractor.extract(normalized);
    const x = this.vectorizer.transform(counts);
    return this.decide(x, this.coverage(counts), topK);
  }

  // Share of the informative features (words, char and pinyin n-grams of length ≥ 2) seen in training.
  // Single characters and syllables are left out: every Chinese sentence shares some with any intent.
  private coverage(counts: Map<string, number>): number {
    let informative = 0;
    let known = 0;
    for (const key of counts.keys()) {
      const kind = key.charAt(0);
      const isInformative = kind === 'w' || kind === 'u' || (kind === 'c' && key.length > 3) || (kind === 'p' && key.includes('_'));
      if (!isInformative) continue;
      informative++;
      if (this.vectorizer.has(key)) known++;
    }
    return informative === 0 ? 0 : known / informative;
  }

  private decide(x: SparseVector, coverage: number, topK: number): Classification {
    const { labels, outOfScopeLabel, temperature, threshold, margin, minCoverage } = this.json;
    const p = softmaxInPlace(blendedLogits(this.scorers, x), temperature);
    const oosIndex = outOfScopeLabel === null ? -1 : labels.indexOf(outOfScopeLabel);
    const ranked = labels
      .map((name, i) => ({ name, confidence: p[i] as number, i }))
      .filter((c) => c.i !== oosIndex)
      .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
    const candidates = ranked.slice(0, topK).map(({ name, confidence }) => ({ name, confidence }));
    const best = candidates[0];
    const second = candidates[1];
    // No known feature at all means we have never seen anything like this text.
    const unknown = x.indices.length === 0;
    const predictedOos = oosIndex >= 0 && best !== undefined && (p[oosIndex] as number) > best.confidence;
    const outOfScope = unknown || coverage < minCoverage || best === undefined || predictedOos || best.confidence < threshold;
    return {
      top: outOfScope ? null : (best ?? null),
      candidates: unknown ? [] : candidates,
      outOfScope,
      ambiguous: !unknown && best !== undefined && second !== undefined && best.confidence - second.confidence < margin,
    };
  }

  toJSON(): TextClassifierJson {
    const { model, naiveBayes, weight } = this.scorers;
    return {
      ...this.json,
      vectorizer: this.vectorizer.toJSON(),
      model: model.toJSON(),
      ...(naiveBayes ? { naiveBayes: naiveBayes.toJSON(), naiveBayesWeight: weight } : {}),
    };
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function argmaxExcluding(p: Float64Array, excluded: number): number {
  let best = excluded === 0 ? 1 : 0;
  for (let k = 0; k < p.length; k++) if (k !== excluded && (p[k] as number) > (p[best] as number)) best = k;
  return best;
}

// Out-of-fold logits for calibration when no validation set is given. The vocabulary is
// shared with the full model (a slight optimism we accept for speed).
function crossValidatedLogits(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: TextClassifierOptions,
  naiveBayes: { alpha: number; weight: number },
): { logits: Float64Array; label: number }[] {
  const folds = options.crossValidationFolds ?? 3;
  if (folds < 2 || xs.length < classes * folds || xs.length > 5000) return [];
  const order = new SeededRandom(options.training?.seed ?? 42).shuffle(Array.from(xs.keys()));
  // Stratify: deal each class's examples round-robin across folds.
  const foldOf = new Int32Array(xs.length);
  const seen = new Int32Array(classes);
  for (const i of order) {
    const y = ys[i] as number;
    foldOf[i] = (seen[y] as number) % folds;
    seen[y]! += 1;
  }
  const out: { logits: Float64Array; label: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const trainIdx = order.filter((i) => foldOf[i] !== f);
    const testIdx = order.filter((i) => foldOf[i] === f);
    const scorers = trainScorers(trainIdx.map((i) => xs[i] as SparseVector), trainIdx.map((i) => ys[i] as number), classes, features, options, naiveBayes);
    for (const i of testIdx) out.push({ logits: blendedLogits(scorers, xs[i] as SparseVector), label: ys[i] as number });
  }
  return out;
}

function trainScorers(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: TextClassifierOptions,
  naiveBayes: { alpha: number; weight: number },
): Scorers {
  return {
    model: SoftmaxRegression.train(xs, ys, classes, features, options.training),
    naiveBayes: naiveBayes.weight > 0 ? MultinomialNaiveBayes.train(xs, ys, classes, features, { alpha: naiveBayes.alpha }) : null,
    weight: naiveBayes.weight,
  };
}

// Log-probabilities of the regression plus `weight` × those of naive Bayes: a product of experts,
// read by the rest of the classifier as logits (temperature and threshold are fitted on these).
function blendedLogits({ model, naiveBayes, weight }: Scorers, x: SparseVector): Float64Array {
  const logits = model.logits(x);
  if (!naiveBayes) return logits;
  const a = logSoftmaxInPlace(logits);
  const b = logSoftmaxInPlace(naiveBayes.scores(x));
  for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) + weight * (b[k] as number);
  return a;
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
