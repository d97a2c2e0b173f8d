import { sharedAffectClassifier, TextClassifier, type AffectClassifier, type FeatureConfigInput, type TextClassifierOptions } from '@zhida/nlu';
import type { TicketClassificationResult } from '../ticket-ports.js';
import type { TicketPriority } from '../ticket-schema.js';

/** One training text: a category's example or an agent's correction. */
export type TicketTrainingText = { text: string; categoryKey: string; correction?: boolean };

/** What the classifier needs to know of a category. */
export type TicketCategoryPriority = { key: string; defaultPriority: TicketPriority };

export type TicketClassifierOptions = {
  seed?: number;
  /** Fixed triage threshold on the top confidence, overriding the one chosen on the training examples. */
  threshold?: number;
  /** Folds for choosing the threshold (default 5). */
  folds?: number;
  /** Feature settings of the text model (default: see TICKET_FEATURES). */
  features?: FeatureConfigInput;
  /** The emotion and risk reader (default: the process-wide shared one). */
  affect?: AffectClassifier;
};

/** The ticket verdict plus what the bench and the console may show: the best guess even when it goes to triage. */
export type TicketClassification = TicketClassificationResult & {
  /** The most likely category whatever the threshold says (null only for text like nothing seen in training). */
  bestGuess: string | null;
};

/** A trained ticket classifier as plain data (what the training worker sends back). */
export type TicketClassifierJson = {
  model: ReturnType<TextClassifier['toJSON']> | null;
  priorities: Record<string, TicketPriority>;
  threshold: number;
};

const PRIORITY_ORDER: readonly TicketPriority[] = ['P1', 'P2', 'P3', 'P4'];
// Without a category (triage) the ticket starts from the middle, where the service also starts.
const TRIAGE_BASE_PRIORITY: TicketPriority = 'P3';
// An agent's correction is the tenant telling us, about a real ticket, what we got wrong; one copy among
// fifteen template examples barely moves the model, so it counts this many times.
const CORRECTION_WEIGHT = 3;
// What a wrong guess costs against a correct ticket sent to triage: a misrouted ticket waits in the wrong
// queue until someone notices and moves it (and its SLA clock runs meanwhile); a triaged one costs a
// dispatcher one look. The threshold minimises 3 × (wrong and kept) + 1 × (right but triaged) out of fold.
const WRONG_ROUTE_COST = 3;
// The folds must leave every category a few examples to learn from.
const MIN_EXAMPLES_PER_FOLD_CATEGORY = 2;
const DEFAULT_FOLDS = 5;
// Chosen by 5-fold cross-validation on the four templates' training examples (never the frozen set):
// character uni+bigrams counted double against words and pinyin scored 86.9 % mean top-1 out of fold
// (seed 7: 86.5 %), the NLU's defaults (char 1–3-grams, equal weights) 83.6 % (83.8 %); char trigrams at
// double weight 85.5 %, without pinyin 81.2 %, skip-bigrams 82.8 %. Ticket words are mostly two-character
// compounds (退款, 签收, 盗刷), which a segmenter splits inconsistently in long colloquial text.
const TICKET_FEATURES: FeatureConfigInput = { charNgramMax: 2, weights: { char: 2 } };
// With too little data to cross-validate, triage anything the model is not clearly sure of.
const FALLBACK_THRESHOLD = 0.5;

/**
 * Category and priority of a ticket from its text. A `TextClassifier` (word, character and pinyin
 * n-grams, TF-IDF, softmax regression blended with naive Bayes, temperature-calibrated) trained on the
 * categories' examples and the agents' corrections; below a confidence threshold chosen by
 * cross-validation on those same training texts the ticket goes to triage. The priority is the
 * category's default, one step more urgent for an angry customer, and P1 at high risk (regulator,
 * media, legal threats, self-harm).
 * @example
 * const c = TicketClassifier.train(categories, examples);
 * c.classify('快递显示签收了但我没收到').categoryKey // 'lost_parcel'
 */
export class TicketClassifier {
  private constructor(
    /** Null when no category has a training text: every ticket goes to triage. */
    private readonly model: TextClassifier | null,
    private readonly priorities: ReadonlyMap<string, TicketPriority>,
    readonly threshold: number,
    /** Undefined: the process-wide shared reader, trained on first use (never in the training worker). */
    private readonly affect: AffectClassifier | undefined,
  ) {}

  /**
   * Trains on the texts of the given categories (texts of other categories are ignored). Without any
   * text the classifier sends every ticket to triage: a tenant that has not taught it yet still gets
   * its tickets, read for emotion and risk.
   */
  static train(categories: readonly TicketCategoryPriority[], examples: readonly TicketTrainingText[], options: TicketClassifierOptions = {}): TicketClassifier {
    const priorities = new Map(categories.map((c) => [c.key, c.defaultPriority]));
    const usable = examples.filter((e) => priorities.has(e.categoryKey) && e.text.trim().length > 0);
    const affect = options.affect;
    if (usable.length === 0) return new TicketClassifier(null, priorities, 1, affect);
    const seed = options.seed ?? 42;
    const model = TextClassifier.train(weighted(usable), modelOptions(seed, options.features));
    const threshold = options.threshold ?? thresholdMinimisingCost(outOfFoldPredictions(usable, { folds: options.folds, seed, features: options.features }));
    return new TicketClassifier(model, priorities, threshold, affect);
  }

  /** Restores a classifier from {@link TicketClassifier.toJSON} output. */
  static fromJSON(json: TicketClassifierJson, affect?: AffectClassifier): TicketClassifier {
    const model = json.model ? TextClassifier.fromJSON(json.model) : null;
    return new TicketClassifier(model, new Map(Object.entries(json.priorities)), json.threshold, affect);
  }

  toJSON(): TicketClassifierJson {
    return { model: this.model?.toJSON() ?? null, priorities: Object.fromEntries(this.priorities), threshold: this.threshold };
  }

  /** The categories it can name (those with training texts). */
  get categoryKeys(): readonly string[] {
    return this.model?.labels ?? [];
  }

  classify(text: string): TicketClassification {
    const verdict = this.model?.classify(text);
    const top = verdict?.candidates[0] ?? null;
    const sure = top !== null && verdict?.outOfScope === false && top.confidence >= this.threshold;
    const categoryKey = sure ? top.name : null;
    const reading = (this.affect ?? sharedAffectClassifier()).read(text);
    const emotion = reading.emotion.label;
    const risk = reading.crisis || reading.risk.level === 'high' ? 'high' : reading.risk.level === 'medium' ? 'low' : 'none';
    let priority = (categoryKey && this.priorities.get(categoryKey)) || TRIAGE_BASE_PRIORITY;
    if (emotion === 'anger') priority = moreUrgentByOne(priority);
    if (risk === 'high') priority = 'P1';
    return { categoryKey, confidence: top?.confidence ?? 0, priority, needsTriage: !sure, emotion, risk, bestGuess: top?.name ?? null };
  }
}

function modelOptions(seed: number, features: FeatureConfigInput = TICKET_FEATURES): TextClassifierOptions {
  // A ticket is long and never out of scope of every category: the classifier itself must not abstain
  // (the triage threshold below is the one decision about doubt).
  return { features, training: { seed, balanced: true }, threshold: 0, minCoverage: 0.05 };
}

function weighted(examples: readonly TicketTrainingText[]): { text: string; label: string }[] {
  return examples.flatMap((e) => Array.from({ length: e.correction ? CORRECTION_WEIGHT : 1 }, () => ({ text: e.text, label: e.categoryKey })));
}

function moreUrgentByOne(p: TicketPriority): TicketPriority {
  return PRIORITY_ORDER[Math.max(0, PRIORITY_ORDER.indexOf(p) - 1)] as TicketPriority;
}

/** Out-of-fold (confidence, right?) pairs of the training texts, stratified by category. */
export function outOfFoldPredictions(
  examples: readonly TicketTrainingText[],
  { folds = DEFAULT_FOLDS, seed = 42, features }: { folds?: number | undefined; seed?: number; features?: FeatureConfigInput | undefined } = {},
): { confidence: number; correct: boolean }[] {
  const byCategory = new Map<string, TicketTrainingText[]>();
  for (const e of examples) byCategory.set(e.categoryKey, [...(byCategory.get(e.categoryKey) ?? []), e]);
  // Every category must keep examples in every training part, or its held-out texts are unwinnable.
  const smallest = Math.min(...[...byCategory.values()].map((l) => l.length));
  const k = Math.min(folds, Math.floor(smallest / MIN_EXAMPLES_PER_FOLD_CATEGORY));
  if (byCategory.size < 2 || k < 2) return [];
  const foldOf = new Map<TicketTrainingText, number>();
  for (const list of byCategory.values()) list.forEach((e, i) => foldOf.set(e, (i + seed) % k));
  const out: { confidence: number; correct: boolean }[] = [];
  for (let f = 0; f < k; f++) {
    const train = examples.filter((e) => foldOf.get(e) !== f);
    const test = examples.filter((e) => foldOf.get(e) === f);
    const model = TextClassifier.train(weighted(train), modelOptions(seed, features));
    for (const e of test) {
      const top = model.classify(e.text).candidates[0];
      out.push({ confidence: top?.confidence ?? 0, correct: top?.name === e.categoryKey });
    }
  }
  return out;
}

/** The threshold that minimises the cost of wrong routes and needless triage on the given predictions. */
export function thresholdMinimisingCost(predictions: readonly { confidence: number; correct: boolean }[], wrongRouteCost = WRONG_ROUTE_COST): number {
  if (predictions.length === 0) return FALLBACK_THRESHOLD;
  const candidates = [0, ...new Set(predictions.map((p) => p.confidence))].sort((a, b) => a - b);
  let best = 0;
  let bestCost = Infinity;
  for (const t of candidates) {
    let cost = 0;
    for (const p of predictions) {
      if (p.confidence >= t) cost += p.correct ? 0 : wrongRouteCost;
      else cost += p.correct ? 1 : 0;
    }
    // Ties go to the lower threshold: fewer tickets wait for a person.
    if (cost < bestCost) {
      bestCost = cost;
      best = t;
    }
  }
  return best;
}
