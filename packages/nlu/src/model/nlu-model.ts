import { TextClassifier, type Candidate, type TextClassifierOptions } from '../classify/text-classifier.js';
import { sharedFragments, type SharedFragmentOptions } from '../classify/shared-fragments.js';
import { TopicIntents } from '../classify/topic-intents.js';
import { vagueRequestExamples } from '../classify/vague-request-examples.js';
import { VaguenessDetector } from '../classify/vagueness-detector.js';
import type { SoftmaxTrainingOptions } from '../classify/softmax-regression.js';
import { InvalidTrainingDataError, UnsupportedModelFormatError } from '../errors/nlu-error.js';
import type { FeatureConfigInput } from '../features/feature-config.js';
import { sharedAffectClassifier } from '../affect/shared-affect-classifier.js';
import {
  detectPii,
  extractEntities,
  Gazetteer,
  type Emotion,
  type Entity,
  type PiiMatch,
  type Risk,
} from '../extract/index.js';
import { cleanText, normalizeText } from '../normalize/normalize-text.js';
import { FaqRetriever, type FaqHit, type FaqRetrieverOptions } from '../retrieval/faq-retriever.js';
import { SpeechActClassifier } from '../speech-act/speech-act-classifier.js';
import type { SpeechAct } from '../speech-act/speech-act.js';
import { topicNouns } from '../tokenize/topic-nouns.js';
import { UserDictionary } from '../tokenize/user-dictionary.js';
import { NLU_ENGINE_REVISION, NLU_MODEL_FORMAT, NLU_MODEL_VERSION, nluModelJsonSchema, type NluModelJson } from './nlu-model-json.js';
import { nluTrainingDataSchema, type NluTrainingData } from './nlu-training-data.js';

export type NluTrainOptions = {
  /** Seed for shuffling; the same data and seed give the same model, bit for bit. */
  seed?: number;
  features?: FeatureConfigInput;
  training?: Omit<SoftmaxTrainingOptions, 'seed'>;
  /** Held-out utterances to calibrate confidence and the out-of-scope threshold (otherwise cross-validation). */
  validation?: readonly { text: string; intent: string }[];
  /** Name of an explicit "none of these" intent in the training data. */
  outOfScopeIntent?: string;
  threshold?: number;
  margin?: number;
  faq?: FaqRetrieverOptions;
  /**
   * Vague requests ("宽带的事", "有点问题") are flagged `ambiguous` with the leading intents as candidates, by a
   * detector trained beside the intents (see `VaguenessDetector`); `false` leaves it out, `threshold` overrides its cut-off.
   */
  vagueness?: { threshold?: number; fragments?: SharedFragmentOptions | false } | false;
};

export type ParseOptions = {
  /** Reference time for relative dates ("明天"). */
  now?: Date;
  /** Earlier customer messages of the conversation, oldest first (risk escalation). */
  history?: string[];
};

export type ParseResult = {
  text: string;
  normalized: string;
  intent: Candidate | null;
  candidates: Candidate[];
  /** The message fits two or more intents: the leading two are close, or it only says what it is about ("账户的事"). */
  ambiguous: boolean;
  outOfScope: boolean;
  entities: Entity[];
  emotion: Emotion;
  risk: Risk;
  pii: PiiMatch[];
  /** Matching FAQs, best first; empty when none is good enough to answer with. */
  faq: ParsedFaqHit[];
  /** Whether the message asks how things work (`question`) or wants something done or asks about the customer's own case (`request`). */
  act: SpeechAct;
};

/** An FAQ hit with the intent its own wording reads as (`intent`, absent for a model before engine revision 6 or an FAQ with no clear one). */
export type ParsedFaqHit = FaqHit & { intent?: string };

// A clarifying question offers at most four options; more is a menu.
const MAX_VAGUE_CANDIDATES = 4;
// The most frequent nouns cover what customers talk about; the long tail would only outweigh the real utterances.
const MAX_TOPICS = 120;
// The most widely shared fragments; more would outweigh the hand-written vague examples.
const MAX_FRAGMENTS = 400;

let vagueWordingNouns: ReadonlySet<string> | undefined;
function vagueWording(): ReadonlySet<string> {
  vagueWordingNouns ??= new Set(topicNouns(vagueRequestExamples(['']).map((t) => normalizeText(t)), 1));
  return vagueWordingNouns;
}

/**
 * A tenant's NLU: intent classifier with out-of-scope detection, FAQ retrieval, entities,
 * emotion, risk and PII — trained from data, serialisable to versioned JSON, no I/O.
 * @example
 * const model = NluModel.train({ intents: [{ name: 'refund', utterances: ['我要退款', '怎么退钱'] }, …] });
 * model.parse('我想退款').intent // { name: 'refund', confidence: 0.9 }
 * const same = NluModel.load(JSON.stringify(model.toJSON()));
 */
export class NluModel {
  private constructor(
    private readonly json: Omit<NluModelJson, 'intents'>,
    private readonly classifier: TextClassifier | null,
    private readonly faqs: FaqRetriever | null,
    private readonly gazetteer: Gazetteer | undefined,
    private readonly vagueness: VaguenessDetector | null,
    private readonly topicIntents: TopicIntents | null,
  ) {}

  static train(data: NluTrainingData, options: NluTrainOptions = {}): NluModel {
    const parsed = nluTrainingDataSchema.safeParse(data);
    if (!parsed.success) throw new InvalidTrainingDataError(`invalid training data: ${parsed.error.message}`);
    const { intents, faqs, userWords, synonyms, graph, vague } = parsed.data;
    const seed = options.seed ?? 42;
    const examples = intents.flatMap((i) => i.utterances.filter((u) => u.trim().length > 0).map((text) => ({ text, label: i.name })));
    const userDictionary = new UserDictionary(userWords, normalizeText);
    const classifierOptions: TextClassifierOptions = {
      features: options.features,
      training: { ...options.training, seed },
      validation: options.validation?.map((v) => ({ text: v.text, label: v.intent })),
      outOfScopeLabel: options.outOfScopeIntent,
      threshold: options.threshold,
      margin: options.margin,
      userDictionary,
    };
    const classifier = examples.length > 0 ? TextClassifier.train(examples, classifierOptions) : null;
    const vagueness = classifier && options.vagueness !== false ? NluModel.trainVagueness(examples, vague, options, userDictionary) : null;
    const topicIntents = vagueness ? NluModel.countTopicIntents(examples, options) : null;
    const faqOptions = { ...options.faq, synonyms: [...(options.faq?.synonyms ?? []), ...synonyms] };
    const retriever = faqs.length > 0 ? FaqRetriever.build(faqs, faqOptions) : null;
    const json = NluModel.assembleJson(seed, classifier, vagueness, topicIntents, userWords, synonyms, faqs, retriever, faqOptions, graph ?? null);
    return NluModel.load(classifier ? { ...json, faqIntents: faqIntentsOf(faqs, classifier) } : json);
  }

  // The customers' topics are the nouns of the in-scope utterances; out-of-scope text names none of them. The
  // pieces of those utterances that several intents share ("不想要了", "我的申请") are vague on their own.
  private static trainVagueness(
    examples: readonly { text: string; label: string }[],
    vague: readonly string[],
    options: NluTrainOptions,
    userDictionary: UserDictionary,
  ): VaguenessDetector {
    const normalized = examples.map((e) => ({ text: normalizeText(e.text), label: e.label }));
    const inScope = normalized.filter((e) => e.label !== options.outOfScopeIntent).map((e) => e.text);
    const settings = options.vagueness === false ? {} : (options.vagueness ?? {});
    const fragments =
      settings.fragments === false ? [] : sharedFragments(normalized, { ...settings.fragments, ignoreLabels: options.outOfScopeIntent ? [options.outOfScopeIntent] : [] }).slice(0, MAX_FRAGMENTS);
    return VaguenessDetector.train(
      examples.map((e) => e.text),
      {
        topics: topicNouns(inScope).slice(0, MAX_TOPICS),
        vocabulary: topicNouns(inScope, 2),
        vagueExamples: [...vague, ...fragments],
        seed: options.seed ?? 42,
        features: options.features,
        userDictionary,
        threshold: settings.threshold,
      },
    );
  }

  private static countTopicIntents(examples: readonly { text: string; label: string }[], options: NluTrainOptions): TopicIntents {
    const normalized = examples.map((e) => ({ text: normalizeText(e.text), label: e.label }));
    const ignore = options.outOfScopeIntent ? [options.outOfScopeIntent] : [];
    return TopicIntents.count(normalized, topicNouns(normalized.filter((e) => !ignore.includes(e.label)).map((e) => e.text), 2), ignore);
  }

  /**
   * Restores a model from {@link NluModel.toJSON} output (object or JSON string).
   * Throws {@link UnsupportedModelFormatError} for anything that is not a version-1 `zhida-nlu` model.
   */
  static load(input: unknown): NluModel {
    let raw = input;
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        throw new UnsupportedModelFormatError('model is not valid JSON');
      }
    }
    const header = raw as { format?: unknown; version?: unknown } | null;
    if (typeof header !== 'object' || header === null || header.format !== NLU_MODEL_FORMAT) {
      throw new UnsupportedModelFormatError(`not a ${NLU_MODEL_FORMAT} model`);
    }
    if (header.version !== NLU_MODEL_VERSION) {
      throw new UnsupportedModelFormatError(`model version ${String(header.version)} is not supported (this build reads version ${NLU_MODEL_VERSION})`);
    }
    const parsed = nluModelJsonSchema.safeParse(raw);
    if (!parsed.success) throw new UnsupportedModelFormatError(`malformed ${NLU_MODEL_FORMAT} model: ${parsed.error.message}`);
    const { intents, vagueness, topicIntents, ...rest } = parsed.data;
    const userDictionary = new UserDictionary(rest.userWords, normalizeText);
    return new NluModel(
      rest,
      intents ? TextClassifier.fromJSON(intents, userDictionary) : null,
      rest.faqs.length > 0 ? FaqRetriever.build(rest.faqs, rest.faqOptions) : null,
      rest.graph ? Gazetteer.fromGraph(rest.graph) : undefined,
      vagueness ? VaguenessDetector.fromJSON(vagueness, userDictionary) : null,
      topicIntents ? TopicIntents.fromJSON(topicIntents) : null,
    );
  }

  /** Intent names the model can predict (without the out-of-scope intent). */
  get intents(): string[] {
    const c = this.classifier?.toJSON();
    return c ? c.labels.filter((l) => l !== c.outOfScopeLabel) : [];
  }

  /** Analyses one customer message. Never throws for a string, however odd; throws `InvalidInputError` for a non-string. */
  parse(text: string, options: ParseOptions = {}): ParseResult {
    const clean = cleanText(text);
    const normalized = normalizeText(clean);
    const classification = this.classifier?.classifyNormalized(normalized) ?? { top: null, candidates: [], outOfScope: true, ambiguous: false, support: 0 };
    const history = (options.history ?? []).filter((h): h is string => typeof h === 'string').map(cleanText);
    const faq = this.faqs?.search(normalized);
    // A vague message is ambiguous however sure the intent classifier is: "宽带的事" names no task, and the
    // customer is asked to pick among the leading intents instead of being sent down one.
    const vague =
      classification.candidates.length >= 2 &&
      (this.vagueness?.isVague(normalized) ?? false) &&
      // Where the classifier abstains, only a message about the tenant's own topics is vague rather than out of scope.
      (!classification.outOfScope || (this.vagueness?.staysOnTopic(normalized) ?? false));
    const affect = sharedAffectClassifier().read(clean, history);
    return {
      text,
      normalized,
      intent: classification.top,
      candidates: vague ? this.vagueCandidates(normalized, classification.candidates) : classification.candidates,
      // Out-of-scope text ("今天天气怎么样", "帮我订机票") is not torn between the tenant's tasks, however flat its
      // distribution or however little of the tenant's wording it shares: asking which task it means would be wrong.
      // A vague message the classifier cannot place ("证件的问题", "发票那块有点事") is not out of scope either: it
      // names the tenant's own topics without the task, which is exactly when the customer should be asked.
      ambiguous: vague || (!classification.outOfScope && classification.ambiguous),
      outOfScope: classification.outOfScope && !vague,
      entities: extractEntities(clean, { gazetteer: this.gazetteer, now: options.now }),
      emotion: affect.emotion,
      risk: affect.risk,
      pii: detectPii(clean),
      faq: faq && !faq.noAnswer ? faq.hits.map((hit) => this.withIntent(hit)) : [],
      act: SpeechActClassifier.shipped().classifyNormalized(normalized, clean),
    };
  }

  /**
   * The options for a vague message: the message's own intent scores averaged with what customers who name the same
   * topics ask for. "户口的问题" reads as a complaint to the classifier (问题 outweighs everything); what customers
   * ask about 户口 — policy, certificates, appointments — is in the tenant's utterances that mention it.
   */
  private vagueCandidates(normalized: string, whole: readonly Candidate[]): Candidate[] {
    const nouns = topicNouns([normalized], 1);
    // The nouns of vague wording itself ("问题", "事情") name no topic: they would pull every vague message the same way.
    const known = this.topicIntents?.distribution(nouns.filter((n) => !vagueWording().has(n))) ?? [];
    // Older models have no topic counts: the classifier's reading of the nouns alone stands in for them.
    const topical = known.length > 0 ? known : nouns.length > 0 && this.classifier ? this.classifier.classifyNormalized(nouns.join(' '), Number.MAX_SAFE_INTEGER).candidates : [];
    if (topical.length === 0) return whole.slice(0, MAX_VAGUE_CANDIDATES);
    const scores = new Map<string, number>();
    for (const c of [...whole, ...topical]) scores.set(c.name, (scores.get(c.name) ?? 0) + c.confidence / 2);
    return [...scores.entries()]
      .map(([name, confidence]) => ({ name, confidence }))
      .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name))
      .slice(0, MAX_VAGUE_CANDIDATES);
  }

  private withIntent(hit: FaqHit): ParsedFaqHit {
    const intent = this.json.faqIntents?.[hit.id];
    return intent ? { ...hit, intent } : hit;
  }

  /** The versioned JSON form; `NluModel.load(model.toJSON())` parses identically. */
  toJSON(): NluModelJson {
    return {
      ...this.json,
      intents: this.classifier?.toJSON() ?? null,
      ...(this.vagueness ? { vagueness: this.vagueness.toJSON() } : {}),
      ...(this.topicIntents ? { topicIntents: this.topicIntents.toJSON() } : {}),
    };
  }

  private static assembleJson(
    seed: number,
    classifier: TextClassifier | null,
    vagueness: VaguenessDetector | null,
    topicIntents: TopicIntents | null,
    userWords: string[],
    synonyms: string[][],
    faqs: NluModelJson['faqs'],
    retriever: FaqRetriever | null,
    faqOptions: FaqRetrieverOptions,
    graph: NluModelJson['graph'],
  ): NluModelJson {
    return {
      format: NLU_MODEL_FORMAT,
      version: NLU_MODEL_VERSION,
      engine: NLU_ENGINE_REVISION,
      seed,
      intents: classifier?.toJSON() ?? null,
      ...(vagueness ? { vagueness: vagueness.toJSON() } : {}),
      ...(topicIntents ? { topicIntents: topicIntents.toJSON() } : {}),
      userWords,
      synonyms,
      faqs: retriever ? [...retriever.faqs] : faqs,
      faqOptions: retriever?.resolvedOptions ?? FaqRetriever.resolveOptions(faqOptions),
      graph,
    };
  }
}

// Most of an FAQ's own wording must read as one intent for the FAQ to have a topic; "营业厅几点开门" reads as nothing in particular.
const FAQ_INTENT_AGREEMENT = 0.5;

/**
 * The intent each FAQ's question and paraphrases read as, to the tenant's own intent classifier: two readings of a
 * message (what it asks for, which FAQ it matches) can then be checked against each other. An FAQ whose wording
 * splits across intents, or reads as out of scope, has none.
 */
function faqIntentsOf(faqs: readonly { id: string; question: string; paraphrases?: readonly string[] }[], classifier: TextClassifier): Record<string, string> {
  const out: Record<string, string> = {};
  for (const faq of faqs) {
    const texts = [faq.question, ...(faq.paraphrases ?? [])];
    const votes = new Map<string, number>();
    for (const text of texts) {
      const c = classifier.classifyNormalized(normalizeText(text));
      if (c.top && !c.outOfScope) votes.set(c.top.name, (votes.get(c.top.name) ?? 0) + 1);
    }
    const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (best && best[1] / texts.length >= FAQ_INTENT_AGREEMENT) out[faq.id] = best[0];
  }
  return out;
}
