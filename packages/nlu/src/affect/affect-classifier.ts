import { TextClassifier, type TextClassifierOptions } from '../classify/text-classifier.js';
import { InvalidTrainingDataError } from '../errors/nlu-error.js';
import { detectEmotion } from '../extract/detect-emotion.js';
import { detectRisk } from '../extract/detect-risk.js';
import { EMOTION_LEXICON } from '../extract/emotion-lexicon.js';
import type { Emotion } from '../extract/emotion.js';
import type { Risk, RiskReason } from '../extract/risk.js';
import { normalizeText } from '../normalize/normalize-text.js';
import type { AffectExample } from './affect-example.js';

/** The risk classifier's classes: the data's `none | low | high`, with self-harm and despair (`crisis`) apart. */
export type RiskClass = 'none' | 'low' | 'high' | 'crisis';

/** What can be set per classifier; the rest is fixed (balanced classes, no abstention). */
export type AffectModelOptions = Pick<TextClassifierOptions, 'features' | 'naiveBayes'>;

/** Calibrated probabilities of each risk class for one message. */
export type RiskScores = Record<RiskClass, number>;

export type AffectReading = {
  emotion: Emotion;
  risk: Risk;
  /** Self-harm or despair: the customer needs a caring reply and a person now (`risk.reasons` starts with `self_harm`). */
  crisis: boolean;
};

export type AffectClassifierOptions = {
  seed?: number;
  /** Settings of the emotion classifier and the risk classifier (features, naive Bayes blend). */
  emotion?: AffectModelOptions;
  risk?: AffectModelOptions;
  /** `P(high) + P(crisis)` at or above this is high risk. */
  highRiskThreshold?: number;
};

// Chosen by 5-fold cross-validation on the training part (see bench/results/emotion.md): a missed threat
// costs far more than an agent glancing at a false alarm, so the bar sits well below an even split.
const DEFAULT_HIGH_RISK_THRESHOLD = 0.2;
// Within high risk, this share of it on the crisis class makes it a crisis. Low on purpose: a caring reply to
// someone who is only furious costs little, a missed crisis a great deal (5-fold CV: 8 of 8 found, none extra).
const CRISIS_SHARE = 0.3;
// Both chosen by 5-fold cross-validation on the training part (bench/results/emotion.md). Naive Bayes (at a
// fixed weight: 288 examples are too few to choose it per fold) helped emotion and hurt risk.
const EMOTION_MODEL: AffectModelOptions = { features: { affectCues: true, weights: { affect: 2 } }, naiveBayes: { weight: 0.1 } };
const RISK_MODEL: AffectModelOptions = { features: { affectCues: true, weights: { affect: 1 } }, naiveBayes: false };
// The labelled messages seldom swear (three use a strong anger word), so on their own they teach nothing of
// "垃圾" or "气死"; the emotion lexicon's unmistakable cues join them as one-word examples.
const LEXICON_EXAMPLE_WEIGHT = 2;
// Anger this likely, in this message and two of the last ten, is escalation across turns — the one signal
// no single labelled message can teach, so it stays a rule over the classifier's readings.
const ANGRY = 0.5;
const ANGRY_HISTORY_NEEDED = 2;
const HISTORY_LOOKBACK = 10;
const LEXICON_HIGH: readonly RiskReason[] = ['regulator_complaint', 'media_exposure', 'legal_threat', 'repeated_escalation'];

/**
 * Emotion (anger, anxiety, neutral, satisfied) and risk (none, medium, high; self-harm as a crisis) of one
 * customer message, from two classifiers trained on labelled customer-service messages. Their features are
 * the message's n-grams plus what the emotion and risk lexicons find in it (`affectCues`), so the lexicons
 * inform the decision instead of dictating it: praise words in "真是谢谢你们啊，让我白跑三趟" no longer make it
 * thanks, and a threat the risk lexicon has no phrase for still reads as one. Deterministic given the seed.
 *
 * @example
 * const affect = AffectClassifier.train(bundledAffectExamples());
 * affect.read('活着没意思了').risk // { level: 'high', reasons: ['self_harm'] }
 */
export class AffectClassifier {
  private constructor(
    private readonly emotions: TextClassifier,
    private readonly risks: TextClassifier,
    private readonly highRiskThreshold: number,
  ) {}

  static train(examples: readonly AffectExample[], options: AffectClassifierOptions = {}): AffectClassifier {
    if (examples.length === 0) throw new InvalidTrainingDataError('no affect examples');
    const common: TextClassifierOptions = {
      // Class-balanced, so the rare classes (satisfied, crisis) are not drowned by the common ones (5-fold CV).
      training: { seed: options.seed ?? 42, balanced: true },
      // Every message has an emotion and a risk: nothing is out of scope.
      threshold: 0,
      minCoverage: 0,
    };
    const lexiconExamples = EMOTION_LEXICON.filter((c) => c.weight >= LEXICON_EXAMPLE_WEIGHT).map((c) => ({ text: c.cue, label: c.label }));
    const emotions = TextClassifier.train(
      [...examples.map((e) => ({ text: e.text, label: e.emotion })), ...lexiconExamples],
      { ...common, ...(options.emotion ?? EMOTION_MODEL) },
    );
    const risks = TextClassifier.train(
      examples.map((e) => ({ text: e.text, label: riskClassOf(e) })),
      { ...common, ...(options.risk ?? RISK_MODEL) },
    );
    return new AffectClassifier(emotions, risks, options.highRiskThreshold ?? DEFAULT_HIGH_RISK_THRESHOLD);
  }

  /**
   * Reads one message; `history` (earlier customer messages, oldest first) only adds escalation across turns.
   * @example affect.read('这事我跟你们没完').risk.level // 'high'
   */
  read(text: string, history: readonly string[] = []): AffectReading {
    const normalized = normalizeText(text);
    const emotion = this.emotionOf(text, normalized);
    const scores = this.riskScoresOf(text, normalized);
    const lexicon = detectRisk(text);
    const high = scores.high + scores.crisis >= this.highRiskThreshold;
    const crisis = high && scores.crisis >= CRISIS_SHARE * (scores.high + scores.crisis);
    const reasons = new Set<RiskReason>();
    if (crisis) reasons.add('self_harm');
    if (high) for (const r of lexicon.reasons) if (LEXICON_HIGH.includes(r)) reasons.add(r);
    if (emotion.label === 'anger' && emotion.score >= ANGRY && this.angryBefore(history) >= ANGRY_HISTORY_NEEDED) reasons.add('repeated_escalation');
    if (high || reasons.has('repeated_escalation')) {
      if (reasons.size === 0) reasons.add('escalation_threat');
      return { emotion, risk: { level: 'high', reasons: [...reasons] }, crisis };
    }
    if (scores.low > scores.none) {
      const named = lexicon.reasons.filter((r) => r !== 'self_harm');
      return { emotion, risk: { level: 'medium', reasons: named.length > 0 ? named : ['grievance'] }, crisis: false };
    }
    return { emotion, risk: { level: 'none', reasons: [] }, crisis: false };
  }

  /** The emotion alone. `score` is the calibrated probability of the label; `cues` are the lexicon's, when it agrees. */
  emotion(text: string): Emotion {
    return this.emotionOf(text, normalizeText(text));
  }

  /** Calibrated probability of each risk class (for benchmarks and threshold studies). */
  riskScores(text: string): RiskScores {
    return this.riskScoresOf(text, normalizeText(text));
  }

  private emotionOf(text: string, normalized: string): Emotion {
    const best = this.emotions.classifyNormalized(normalized, 1, text).candidates[0];
    if (!best) return { label: 'neutral', score: 1, cues: [] };
    const label = best.name as Emotion['label'];
    const lexicon = detectEmotion(text);
    return { label, score: Math.round(best.confidence * 1000) / 1000, cues: lexicon.label === label ? lexicon.cues : [] };
  }

  private riskScoresOf(text: string, normalized: string): RiskScores {
    const scores: RiskScores = { none: 0, low: 0, high: 0, crisis: 0 };
    const candidates = this.risks.classifyNormalized(normalized, 4, text).candidates;
    if (candidates.length === 0) scores.none = 1;
    for (const c of candidates) scores[c.name as RiskClass] = c.confidence;
    return scores;
  }

  private angryBefore(history: readonly string[]): number {
    let angry = 0;
    for (const message of history.slice(-HISTORY_LOOKBACK)) {
      const e = this.emotion(message);
      if (e.label === 'anger' && e.score >= ANGRY) angry++;
    }
    return angry;
  }
}

function riskClassOf(example: AffectExample): RiskClass {
  return example.crisis ? 'crisis' : example.risk;
}
