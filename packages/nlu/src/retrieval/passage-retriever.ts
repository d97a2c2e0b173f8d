import { z } from 'zod';
import { normalizeText } from '../normalize/normalize-text.js';
import { splitPassageSentences, trimAnswer, type TrimOptions } from './answer-trimmer.js';
import { Bm25Index, type Bm25Document, type Bm25Hit } from './bm25-index.js';
import { passageConfidence, type PassageHitEvidence } from './passage-confidence.js';
import { askedAnswerType, statesAnswerType } from './question-answer-type.js';
import { retrievalTerms } from './retrieval-terms.js';

export const passageSchema = z.object({
  id: z.string().min(1),
  /** ["第四章 退货", "4.5 退货运费"], outermost first. */
  headingPath: z.array(z.string()).default([]),
  text: z.string(),
});
export type Passage = z.infer<typeof passageSchema>;
export type PassageInput = z.input<typeof passageSchema>;

export const passageRetrieverOptionsSchema = z.object({
  /**
   * Weight of the heading path's terms relative to the passage text's. The heading is the passage's context
   * ("4.5 退货运费" says what "由保险赔付" is about) and is short, so each of its words counts for more.
   */
  headingWeight: z.number().min(0).default(2),
  /**
   * Below this confidence the best passage is not an answer: the bot says it does not know instead of guessing.
   * 0.8 on the dev questions of bench/documents, 10-fold cross-validated: 43.6 % answered right, 3.6 % wrong, 95.1 %
   * of unanswerable declined; 0.75 answers 49.3 % right but 5.0 % wrong and declines only 92.7 % of unanswerable
   * ones — the wrong and declined bars decide, so it favours declining.
   */
  minConfidence: z.number().min(0).max(1).default(0.8),
  /**
   * From this confidence up to {@link minConfidence}, a declined question comes with a choice: the best passages of
   * the two best sections, for the customer to pick the one meant. 0.5 on the dev questions of bench/documents: a
   * choice is offered to 53 of the 140 answerable ones and holds the answering passage for 46, and is offered to 7 of
   * the 41 unanswerable ones (who pick neither and are declined).
   */
  choiceFloor: z.number().min(0).max(1).default(0.5),
  /** How much the best sentence's share of the query counts beside the passage's BM25 score when ranking. */
  sentenceWeight: z.number().min(0).default(1),
  /**
   * Domain synonym groups (a template's `document-synonyms.json`): a question containing one member is looked up
   * with the others too, so "二手房过户" finds the section titled "不动产登记".
   */
  synonyms: z.array(z.array(z.string())).default([]),
  /**
   * Weights of the re-ranker over the best BM25 candidates ({@link RERANK_FEATURES}), fitted listwise on the dev half
   * of bench/documents with cross-validation (`npx tsx bench/documents-calibrate.ts`).
   */
  rerankWeights: z.array(z.number()).optional(),
  /** A synonym's terms count this much of the question's own. */
  synonymWeight: z.number().min(0).max(1).default(0.5),
});
export type PassageRetrieverOptions = z.input<typeof passageRetrieverOptionsSchema>;

export type PassageHit = { id: string; score: number; confidence: number };
export type PassageSearchResult = {
  hits: PassageHit[];
  /** True when even the best passage is not confident enough to answer with. */
  noAnswer: boolean;
  /** The best hit's evidence (null with no hit), what the confidence was computed from. */
  evidence: PassageHitEvidence | null;
  /**
   * When the best passage is not sure enough to answer with but not far off ({@link PassageRetrieverOptions.choiceFloor}):
   * the best hit of each of the two best sections, for a clarifying choice. Empty otherwise.
   */
  choices: PassageHit[];
};

/**
 * Lexical search over a tenant's document passages with the FAQ's Chinese-aware terms (jieba words, character
 * bigrams and unigrams; {@link retrievalTerms}), the heading path indexed beside the text as its context, and a
 * confidence calibrated on held-out questions that decides answer versus decline.
 * @example
 * const r = PassageRetriever.build([{ id: 'p1', headingPath: ['第三章 配送与运费', '3.2 运费'], text: '实付满99元包邮，不满99元收取运费8元。' }]);
 * r.search('运费怎么算').hits[0] // { id: 'p1', … }
 * r.excerpt('p1', '不满99块运费多少') // '实付满99元包邮，不满99元收取运费8元。'
 */
export class PassageRetriever {
  private constructor(
    readonly passages: readonly Passage[],
    private readonly options: z.infer<typeof passageRetrieverOptionsSchema>,
    private readonly index: Bm25Index,
    private readonly headingTerms: readonly Set<string>[],
    private readonly byId: Map<string, number>,
    private readonly passageTerms: readonly Set<string>[],
    private readonly synonymGroups: readonly string[][],
  ) {}

  private readonly sentences = new Map<number, Set<string>[]>();
  private readonly sectionTitleTerms = new Map<number, Set<string>>();

  static build(passages: readonly PassageInput[], options: PassageRetrieverOptions = {}): PassageRetriever {
    const parsed = passages.map((p) => passageSchema.parse(p));
    const opts = passageRetrieverOptionsSchema.parse(options);
    const headingTerms = parsed.map((p) => new Set(termsOf(p.headingPath.join(' \n '))));
    const textTerms = parsed.map((p) => termsOf(p.text));
    const docs: Bm25Document[] = parsed.map((p, i) => ({
      fields: [
        { terms: [...headingTerms[i]!], weight: opts.headingWeight },
        { terms: textTerms[i]!, weight: 1 },
      ],
    }));
    const passageTerms = parsed.map((_, i) => new Set([...headingTerms[i]!, ...textTerms[i]!]));
    const groups = opts.synonyms.map((g) => [...new Set(g.map((w) => normalizeText(w)).filter(Boolean))]).filter((g) => g.length > 1);
    return new PassageRetriever(parsed, opts, Bm25Index.build(docs), headingTerms, new Map(parsed.map((p, i) => [p.id, i])), passageTerms, groups);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Best `k` passages for a question; `noAnswer` when even the best is not confident enough to answer with. */
  search(text: string, k = 3): PassageSearchResult {
    const q = this.query(text);
    const { terms } = q;
    const original = new Set(termsOf(text));
    const raw = this.rerank(q, this.index.search(terms, q.weight).slice(0, RERANK_DEPTH), text).slice(0, Math.max(k, 5));
    if (raw.length === 0 || q.idf === 0) return { hits: [], noAnswer: true, evidence: null, choices: [] };
    const [first, second] = raw as [Bm25Hit, Bm25Hit | undefined];
    const massIn = (has: (t: string) => boolean) => terms.filter(has).reduce((sum, t) => sum + this.termIdf(q, t), 0);
    const words = [...original].filter(isWord);
    const wordIdf = words.reduce((sum, t) => sum + this.index.idf(t), 0);
    const matchedWordIdf = words.filter((t) => this.passageTerms[first.doc]!.has(t)).reduce((sum, t) => sum + this.index.idf(t), 0);
    const asked = askedAnswerType(text);
    const evidence: PassageHitEvidence = {
      coverage: Math.min(1, massIn((t) => this.passageTerms[first.doc]!.has(t)) / q.idf),
      headingCoverage: Math.min(1, massIn((t) => this.headingTerms[first.doc]!.has(t)) / q.idf),
      sentenceCoverage: this.sentenceCoverage(q, first.doc),
      lead: second ? (first.score - second.score) / first.score : 1,
      scorePerIdf: first.score / q.idf,
      querySize: q.idf / this.index.rareTermIdf,
      wordCoverage: wordIdf > 0 ? Math.min(1, matchedWordIdf / wordIdf) : 0,
      typeMissing: asked !== null && !statesAnswerType(this.passages[first.doc]!.text, asked) ? 1 : 0,
      sectionLead: this.sectionLead(q, raw, text),
      titleRecall: this.titleRecall(q, first.doc),
      unknownWords: Math.min(3, words.filter((t) => [...t].length >= 2 && this.index.documentFrequency(t) === 0).length),
      missedWord: words.filter((t) => [...t].length >= 2 && !this.passageTerms[first.doc]!.has(t)).reduce((m, t) => Math.max(m, this.index.idf(t)), 0) / this.index.rareTermIdf,
    };
    const top = passageConfidence(evidence);
    // Only the best hit is calibrated; the others are ranked below it by their share of its score.
    const hitOf = (h: Bm25Hit, i: number): PassageHit => ({ id: this.passages[h.doc]!.id, score: h.score, confidence: round(i === 0 ? top : top * (h.score / first.score) * 0.5) });
    const noAnswer = top < this.options.minConfidence;
    const choices = noAnswer && top >= this.options.choiceFloor ? this.sectionChoices(raw).map((i) => hitOf(raw[i]!, i)) : [];
    return { hits: raw.slice(0, k).map(hitOf), noAnswer, evidence, choices };
  }

  /** Positions in `ranked` of the best hit of each of the first two sections (passages of one section are one choice). */
  private sectionChoices(ranked: readonly Bm25Hit[]): number[] {
    const seen = new Set<string>();
    const picked: number[] = [];
    ranked.forEach((h, i) => {
      const key = this.passages[h.doc]!.headingPath.join('\u0000');
      if (picked.length < MAX_CHOICES && !seen.has(key)) picked.push(i);
      seen.add(key);
    });
    return picked;
  }

  private termIdf(q: WeightedQuery, term: string): number {
    return this.index.idf(term) * (q.weight.get(term) ?? 1);
  }

  /**
   * A passage of 100–400 characters holds several facts; the one that answers has the question's words close
   * together. Each candidate's BM25 score is raised by how much of the query's IDF mass its best sentence (with the
   * heading path) holds, so "检测要几天" goes to the sentence about inspection days, not a passage that mentions
   * batteries and days apart.
   */
  private rerank(q: WeightedQuery, hits: Bm25Hit[], text: string): Bm25Hit[] {
    if (hits.length < 2 || q.idf === 0) return hits;
    const best = hits[0]!.score;
    const rescored = hits.map((h) => ({ hit: h, rank: this.rankScore(q, h, best, text) }));
    return rescored.sort((a, b) => b.rank - a.rank || a.hit.doc - b.hit.doc).map((r) => r.hit);
  }

  private rankScore(q: WeightedQuery, hit: Bm25Hit, best: number, text: string): number {
    const w = this.options.rerankWeights ?? RERANK_WEIGHTS;
    return this.candidateFeatures(q, hit, best, text).reduce((sum, f, i) => sum + f * (w[i] ?? 0), 0);
  }

  /** The re-ranker's features of one candidate, in {@link RERANK_FEATURES} order. */
  private candidateFeatures(q: WeightedQuery, hit: Bm25Hit, best: number, text: string): number[] {
    const passage = this.passages[hit.doc]!;
    const own = this.passageTerms[hit.doc]!;
    const words = [...new Set(termsOf(text))].filter(isWord);
    const wordIdf = words.reduce((sum, t) => sum + this.index.idf(t), 0) || 1;
    const section = this.sectionTerms(hit.doc);
    const share = (has: (t: string) => boolean) => q.terms.filter(has).reduce((sum, t) => sum + this.termIdf(q, t), 0) / q.idf;
    const asked = askedAnswerType(text);
    return [
      hit.score / best,
      this.sentenceCoverage(q, hit.doc),
      share((t) => this.headingTerms[hit.doc]!.has(t)),
      share((t) => section.has(t)),
      words.filter((t) => own.has(t)).reduce((sum, t) => sum + this.index.idf(t), 0) / wordIdf,
      asked === null ? 0 : statesAnswerType(passage.text, asked) ? 1 : -1,
    ];
  }

  /**
   * The share of the passage's section title's words (IDF-weighted, numbering left out) the question asks about: a
   * section is what it is titled, so a question about 缺货 fits "5.4 缺货处理" even in other words, and one about
   * 高尔夫 does not fit "1.2 卡片种类" however many words it shares with the text.
   */
  private titleRecall(q: WeightedQuery, doc: number): number {
    const words = [...this.sectionTerms(doc)].filter((t) => isWord(t) && !/^[\d.]+$/.test(t));
    const mass = words.reduce((sum, t) => sum + this.index.idf(t), 0);
    if (mass === 0) return 0;
    return words.filter((t) => q.weight.has(t)).reduce((sum, t) => sum + this.index.idf(t) * q.weight.get(t)!, 0) / mass;
  }

  /** Terms of the passage's own section title (the last heading), where a question naming the section matches. */
  private sectionTerms(doc: number): Set<string> {
    let cached = this.sectionTitleTerms.get(doc);
    if (!cached) {
      cached = new Set(termsOf(this.passages[doc]!.headingPath.at(-1) ?? ''));
      this.sectionTitleTerms.set(doc, cached);
    }
    return cached;
  }

  /**
   * The best BM25 candidates of a question with their re-ranker features and BM25 order, for fitting the re-ranker
   * (bench/documents-calibrate.ts); the product uses {@link search}.
   */
  rerankCandidates(text: string): { id: string; features: number[] }[] {
    const q = this.query(text);
    const hits = this.index.search(q.terms, q.weight).slice(0, RERANK_DEPTH);
    if (hits.length === 0 || q.idf === 0) return [];
    return hits.map((h) => ({ id: this.passages[h.doc]!.id, features: this.candidateFeatures(q, h, hits[0]!.score, text) }));
  }

  private query(text: string): WeightedQuery {
    const original = new Set(termsOf(text));
    const added = termsOf(this.expand(text)).filter((t) => !original.has(t));
    const terms = [...original, ...new Set(added)];
    const weight = new Map(terms.map((t) => [t, original.has(t) ? 1 : this.options.synonymWeight]));
    const q: WeightedQuery = { terms, weight, idf: 0 };
    q.idf = terms.reduce((sum, t) => sum + this.termIdf(q, t), 0);
    return q;
  }

  /** The question with the other members of every synonym group one of whose members it contains. */
  private expand(text: string): string {
    if (this.synonymGroups.length === 0) return text;
    const normalized = normalizeText(text);
    const extra = new Set<string>();
    for (const group of this.synonymGroups) if (group.some((w) => normalized.includes(w))) for (const w of group) if (!normalized.includes(w)) extra.add(w);
    return extra.size ? `${text} ${[...extra].join(' ')}` : text;
  }

  /**
   * How far the best passage's re-ranked score leads the best passage of ANOTHER section (1 with none): two
   * passages of one section splitting its text are not rivals, two sections about the question are.
   */
  private sectionLead(q: WeightedQuery, ranked: readonly Bm25Hit[], text: string): number {
    const first = ranked[0]!;
    const key = (doc: number) => this.passages[doc]!.headingPath.join('\u0000');
    const rival = ranked.find((h) => key(h.doc) !== key(first.doc));
    if (!rival) return 1;
    const best = Math.max(first.score, rival.score);
    const top = this.rankScore(q, first, best, text);
    return top > 0 ? Math.max(-1, Math.min(1, (top - this.rankScore(q, rival, best, text)) / top)) : 0;
  }

  /** The share of the query's IDF mass that a passage's best sentence holds, its heading path counted in. */
  private sentenceCoverage(q: WeightedQuery, doc: number): number {
    if (q.idf === 0) return 0;
    const heading = this.headingTerms[doc]!;
    let top = 0;
    for (const sentence of this.sentenceTerms(doc)) {
      let mass = 0;
      for (const t of q.terms) if (sentence.has(t) || heading.has(t)) mass += this.termIdf(q, t);
      top = Math.max(top, mass / q.idf);
    }
    return Math.min(1, top);
  }

  private sentenceTerms(doc: number): Set<string>[] {
    let cached = this.sentences.get(doc);
    if (!cached) {
      cached = splitPassageSentences(this.passages[doc]!.text).map((s) => new Set(termsOf(s.text)));
      this.sentences.set(doc, cached);
    }
    return cached;
  }

  /** The sentences of a passage that answer the question (see {@link trimAnswer}); the whole text for an unknown id. */
  excerpt(passageId: string, question: string, options?: TrimOptions): string {
    const i = this.byId.get(passageId);
    if (i === undefined) return '';
    const text = this.passages[i]!.text;
    const split = splitPassageSentences(text);
    const sentences = split.map((s) => new Set(termsOf(s.text)));
    // A question word every sentence of the passage has (its topic) does not tell which sentence answers.
    const weights = new Map(
      [...new Set(termsOf(question))].map((t) => {
        const local = sentences.filter((s) => s.has(t)).length;
        return [t, this.index.idf(t) * (1 - local / (sentences.length + 1))];
      }),
    );
    const lexical = (sentence: string): number => [...new Set(termsOf(sentence))].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
    // 多久 / 多少钱 / 几张 ask for a duration, an amount, a count: the sentence stating one carries the answer even when
    // it shares fewer words with the question than the sentence naming the topic ("最长等待15天" for 缺货最多等多久).
    const asked = askedAnswerType(question);
    const factual = asked !== null && asked !== 'yesno' ? asked : null;
    const top = factual ? Math.max(0, ...split.map((s) => lexical(s.text))) : 0;
    const weigh = (sentence: string): number => lexical(sentence) + (factual && statesAnswerType(sentence, factual) ? FACT_SENTENCE_BONUS * top : 0);
    return trimAnswer(text, weigh, options);
  }

  get resolvedOptions(): z.infer<typeof passageRetrieverOptionsSchema> {
    return this.options;
  }
}

/** A question's terms, synonyms added by the lexicon weighing less, and their total IDF mass. */
type WeightedQuery = { terms: string[]; weight: Map<string, number>; idf: number };

/** The re-ranker's features, in order. */
export const RERANK_FEATURES = ['bm25', 'sentenceCoverage', 'headingCoverage', 'sectionTitleCoverage', 'wordCoverage', 'answerType'] as const;
// [BM25 share of the best, best sentence's share, heading path's share, section title's share, word coverage, type],
// fitted listwise on the dev questions by bench/documents-calibrate.ts (right passage first for 118 of the 138 dev
// questions whose candidates hold it, 118 cross-validated, against 115 for the earlier fixed BM25 + best sentence).
// The confidence is fitted on this ranking, so the two change together.
const RERANK_WEIGHTS: readonly number[] = [5.064, 1.417, 0.419, 0.642, 1.111, 0.95];

// A sentence stating the asked-for kind of fact scores this share of the best sentence's word score on top of its own.
const FACT_SENTENCE_BONUS = 0.6;

// A choice longer than two asks the customer to read instead of us.
const MAX_CHOICES = 2;

// Candidates re-ranked by their best sentence.
const RERANK_DEPTH = 8;

// normalizeText caps its input (a customer message is short); a long passage is read in pieces.
const PIECE_CHARS = 1500;

// jieba words, not the character bigrams (#) and unigrams ($) that make matching robust but also match by accident.
function isWord(term: string): boolean {
  return !term.startsWith('#') && !term.startsWith('$');
}

function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (let start = 0; start < text.length; start += PIECE_CHARS) terms.push(...retrievalTerms(normalizeText(text.slice(start, start + PIECE_CHARS)), new Map(), true, true));
  return terms;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
