import { z } from 'zod';
import { normalizeText } from '../normalize/normalize-text.js';
import { splitPassageSentences, trimAnswer, type TrimOptions } from './answer-trimmer.js';
import { Bm25Index, type Bm25Document, type Bm25Hit } from './bm25-index.js';
import { passageConfidence, type PassageHitEvidence } from './passage-confidence.js';
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
   * 0.75 on the dev questions of bench/documents: 41 % answered right, 2.1 % wrong, 97.6 % of unanswerable declined
   * (0.65: 56 % right but 3.6 % wrong) — the bar is ≤ 2 % wrong, so the threshold favours declining.
   */
  minConfidence: z.number().min(0).max(1).default(0.75),
  /** How much the best sentence's share of the query counts beside the passage's BM25 score when ranking. */
  sentenceWeight: z.number().min(0).default(1),
});
export type PassageRetrieverOptions = z.input<typeof passageRetrieverOptionsSchema>;

export type PassageHit = { id: string; score: number; confidence: number };
export type PassageSearchResult = {
  hits: PassageHit[];
  /** True when even the best passage is not confident enough to answer with. */
  noAnswer: boolean;
  /** The best hit's evidence (null with no hit), what the confidence was computed from. */
  evidence: PassageHitEvidence | null;
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
  ) {}

  private readonly sentences = new Map<number, Set<string>[]>();

  static build(passages: readonly PassageInput[], options: PassageRetrieverOptions = {}): PassageRetriever {
    const parsed = passages.map((p) => passageSchema.parse(p));
    const opts = passageRetrieverOptionsSchema.parse(options);
    const headingTerms = parsed.map((p) => new Set(termsOf(p.headingPath.join(' \n '))));
    const docs: Bm25Document[] = parsed.map((p, i) => ({
      fields: [
        { terms: [...headingTerms[i]!], weight: opts.headingWeight },
        { terms: termsOf(p.text), weight: 1 },
      ],
    }));
    return new PassageRetriever(parsed, opts, Bm25Index.build(docs), headingTerms, new Map(parsed.map((p, i) => [p.id, i])));
  }

  get size(): number {
    return this.passages.length;
  }

  /** Best `k` passages for a question; `noAnswer` when even the best is not confident enough to answer with. */
  search(text: string, k = 3): PassageSearchResult {
    const terms = [...new Set(termsOf(text))];
    const queryIdf = terms.reduce((sum, t) => sum + this.index.idf(t), 0);
    const raw = this.rerank(terms, queryIdf, this.index.search(terms).slice(0, RERANK_DEPTH)).slice(0, Math.max(k, 2));
    if (raw.length === 0 || queryIdf === 0) return { hits: [], noAnswer: true, evidence: null };
    const [first, second] = raw as [Bm25Hit, Bm25Hit | undefined];
    const headingIdf = terms.filter((t) => this.headingTerms[first.doc]!.has(t)).reduce((sum, t) => sum + this.index.idf(t), 0);
    const evidence: PassageHitEvidence = {
      coverage: Math.min(1, first.matchedIdf / queryIdf),
      headingCoverage: Math.min(1, headingIdf / queryIdf),
      sentenceCoverage: this.sentenceCoverage(terms, queryIdf, first.doc),
      lead: second ? (first.score - second.score) / first.score : 1,
      scorePerIdf: first.score / queryIdf,
      querySize: queryIdf / this.index.rareTermIdf,
    };
    const top = passageConfidence(evidence);
    const hits = raw.slice(0, k).map((h, i) => ({
      id: this.passages[h.doc]!.id,
      score: h.score,
      // Only the best hit is calibrated; the others are ranked below it by their share of its score.
      confidence: round(i === 0 ? top : top * (h.score / first.score) * 0.5),
    }));
    return { hits, noAnswer: top < this.options.minConfidence, evidence };
  }

  /**
   * A passage of 100–400 characters holds several facts; the one that answers has the question's words close
   * together. Each candidate's BM25 score is raised by how much of the query's IDF mass its best sentence (with the
   * heading path) holds, so "检测要几天" goes to the sentence about inspection days, not a passage that mentions
   * batteries and days apart.
   */
  private rerank(terms: readonly string[], queryIdf: number, hits: Bm25Hit[]): Bm25Hit[] {
    if (hits.length < 2 || queryIdf === 0) return hits;
    const best = hits[0]!.score;
    const sentenceCover = (doc: number) => this.sentenceCoverage(terms, queryIdf, doc);
    const rescored = hits.map((h) => ({ hit: h, rank: h.score / best + this.options.sentenceWeight * sentenceCover(h.doc) }));
    return rescored.sort((a, b) => b.rank - a.rank || a.hit.doc - b.hit.doc).map((r) => r.hit);
  }

  /** The share of the query's IDF mass that a passage's best sentence holds, its heading path counted in. */
  private sentenceCoverage(terms: readonly string[], queryIdf: number, doc: number): number {
    if (queryIdf === 0) return 0;
    const heading = this.headingTerms[doc]!;
    let top = 0;
    for (const sentence of this.sentenceTerms(doc)) {
      let mass = 0;
      for (const t of new Set(terms)) if (sentence.has(t) || heading.has(t)) mass += this.index.idf(t);
      top = Math.max(top, mass / queryIdf);
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
    const sentences = splitPassageSentences(text).map((s) => new Set(termsOf(s.text)));
    // A question word every sentence of the passage has (its topic) does not tell which sentence answers.
    const weights = new Map(
      [...new Set(termsOf(question))].map((t) => {
        const local = sentences.filter((s) => s.has(t)).length;
        return [t, this.index.idf(t) * (1 - local / (sentences.length + 1))];
      }),
    );
    const weigh = (sentence: string): number => [...new Set(termsOf(sentence))].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
    return trimAnswer(text, weigh, options);
  }

  get resolvedOptions(): z.infer<typeof passageRetrieverOptionsSchema> {
    return this.options;
  }
}

// Candidates re-ranked by their best sentence.
const RERANK_DEPTH = 8;

// normalizeText caps its input (a customer message is short); a long passage is read in pieces.
const PIECE_CHARS = 1500;

function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (let start = 0; start < text.length; start += PIECE_CHARS) terms.push(...retrievalTerms(normalizeText(text.slice(start, start + PIECE_CHARS)), new Map(), true, true));
  return terms;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
