import { TextClassifier, textClassifierJsonSchema, type TextClassifierJson } from '../classify/text-classifier.js';
import { InvalidTrainingDataError } from '../errors/nlu-error.js';
import type { SoftmaxTrainingOptions } from '../classify/softmax-regression.js';
import type { FeatureConfigInput } from '../features/feature-config.js';
import { loadOrTrainShipped } from '../model/shipped-classifier-store.js';
import { normalizeText } from '../normalize/normalize-text.js';
import { shippedSpeechActExamples } from './speech-act-corpus.js';
import type { SpeechAct, SpeechActLabel } from './speech-act.js';

export type SpeechActClassifierOptions = {
  /** Seed for shuffling and cross-validation; the same data and seed give the same classifier. */
  seed?: number;
  features?: FeatureConfigInput;
  training?: Omit<SoftmaxTrainingOptions, 'seed'>;
};

// Word and character n-grams, pinyin for typos, the English gloss, and the lexicon's cues (question
// particles, 我的/帮我, numbers): the intent classifier's features plus what tells asking from acting.
const SPEECH_ACT_FEATURES: FeatureConfigInput = { speechActCues: true };
const SHIPPED_SEED = 42;

let shipped: SpeechActClassifier | undefined;

/**
 * Tells a question about how things work from a request to act or about the customer's own case: a
 * binary {@link TextClassifier} over n-grams and speech-act cues, with a calibrated confidence.
 * @example
 * SpeechActClassifier.shipped().classify('跨行转账收手续费吗') // { label: 'question', confidence: 0.9 }
 * SpeechActClassifier.shipped().classify('我昨天那笔转账到了没') // { label: 'request', confidence: 0.8 }
 */
export class SpeechActClassifier {
  private constructor(private readonly classifier: TextClassifier) {}

  static train(examples: readonly { text: string; act: SpeechActLabel }[], options: SpeechActClassifierOptions = {}): SpeechActClassifier {
    const labels = new Set(examples.map((e) => e.act));
    if (labels.size < 2) throw new InvalidTrainingDataError('speech-act training needs examples of both questions and requests');
    const classifier = TextClassifier.train(
      examples.map((e) => ({ text: e.text, label: e.act })),
      // Two labels and no out-of-scope class: nothing to abstain on, only a probability to calibrate.
      { features: { ...SPEECH_ACT_FEATURES, ...options.features }, training: { ...options.training, seed: options.seed ?? SHIPPED_SEED }, threshold: 0, minCoverage: 0 },
    );
    return new SpeechActClassifier(classifier);
  }

  /**
   * The classifier trained on the corpus that ships with the package, built once per process on first use
   * (about a second of CPU; loaded instead where the host keeps a `ShippedClassifierStore`), then shared.
   */
  static shipped(): SpeechActClassifier {
    shipped ??= loadOrTrainShipped('speech-acts', () => SpeechActClassifier.train(shippedSpeechActExamples(), { seed: SHIPPED_SEED }), {
      toJSON: (classifier) => classifier.toJSON(),
      fromJSON: (json) => SpeechActClassifier.fromJSON(textClassifierJsonSchema.parse(json)),
    });
    return shipped;
  }

  static fromJSON(json: TextClassifierJson): SpeechActClassifier {
    return new SpeechActClassifier(TextClassifier.fromJSON(json));
  }

  /** Classifies raw text. */
  classify(text: string): SpeechAct {
    return this.classifyNormalized(normalizeText(text), text);
  }

  /** Classifies text already normalised; `source`, the text before normalisation, lets the question mark count. */
  classifyNormalized(normalized: string, source?: string): SpeechAct {
    const best = this.classifier.classifyNormalized(normalized, 1, source).candidates[0];
    // No known feature at all (empty text, unseen script): no evidence either way.
    if (!best) return { label: 'question', confidence: 0.5 };
    return { label: best.name as SpeechActLabel, confidence: best.confidence };
  }

  toJSON(): TextClassifierJson {
    return this.classifier.toJSON();
  }
}
