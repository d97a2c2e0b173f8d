import { Bm25Index } from '@zhida/nlu';
import { searchSnippet } from './search-snippet.js';
import { searchTerms } from './search-terms.js';

/**
 * Knowledge (faq, article), one of the verified visitor's own records (order, ticket, return, appointment, application),
 * or a passage of the tenant's documents (found by the documents' own retrieval, not by this index).
 */
export const SEARCH_DOC_TYPES = ['faq', 'article', 'order', 'ticket', 'return', 'appointment', 'application', 'passage'] as const;
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number];
type Bm25Document = Parameters<typeof Bm25Index.build>[0][number];

/** Something a visitor can find: an FAQ (title = question) or an article (title = title, body = text). */
export interface SearchDocument {
  type: SearchDocType;
  id: string;
  title: string;
  /** Other phrasings of the title (FAQ paraphrases); weighted like the title. */
  alternates?: readonly string[];
  body: string;
}

export interface SearchHit {
  type: SearchDocType;
  id: string;
  title: string;
  snippet: string;
  /** BM25 score, higher is better; comparable only within one result list. */
  score: number;
  /** Share of the query's IDF mass (over terms some document has) that this document covers (0–1). */
  coverage: number;
}

export interface KnowledgeSearchOptions {
  /** Weight of body terms relative to title terms. */
  bodyWeight?: number;
  /** Hits covering less of the query than this are noise (one shared bigram). */
  minCoverage?: number;
}

/**
 * Hybrid lexical search over a tenant's published knowledge: BM25F over jieba
 * words and Chinese character bigrams, titles weighted above bodies. Pure and
 * immutable; the search service caches one per tenant and kb_version.
 * @example
 * const index = KnowledgeSearchIndex.build([{ type: 'faq', id: '1', title: '怎么退货', body: '七天无理由退货' }]);
 * index.search('退貨')[0] // { type: 'faq', id: '1', title: '怎么退货', snippet: '七天无理由退货', … }
 */
export class KnowledgeSearchIndex {
  private constructor(
    private readonly docs: readonly SearchDocument[],
    private readonly index: Bm25Index,
    private readonly vocabulary: ReadonlySet<string>,
    private readonly minCoverage: number,
  ) {}

  static build(docs: readonly SearchDocument[], options: KnowledgeSearchOptions = {}): KnowledgeSearchIndex {
    const bodyWeight = options.bodyWeight ?? 0.4;
    const bm25Docs: Bm25Document[] = docs.map((d) => ({
      fields: [
        { terms: searchTerms([d.title, ...(d.alternates ?? [])].join('\n')), weight: 1 },
        { terms: searchTerms(d.body), weight: bodyWeight },
      ],
    }));
    const vocabulary = new Set(bm25Docs.flatMap((d) => d.fields.flatMap((f) => f.terms)));
    return new KnowledgeSearchIndex([...docs], Bm25Index.build(bm25Docs), vocabulary, options.minCoverage ?? 0.3);
  }

  get size(): number {
    return this.docs.length;
  }

  /** One indexed document in full (a visitor opening a result), or undefined. */
  document(type: SearchDocument['type'], id: string): SearchDocument | undefined {
    return this.docs.find((d) => d.type === type && d.id === id);
  }

  /** The best `limit` documents for a natural-language or keyword query, best first. */
  search(query: string, limit = 10): SearchHit[] {
    const terms = searchTerms(query);
    const unique = new Set(terms);
    // Coverage counts only query terms the tenant's knowledge uses at all: chatty words no document has ("买的", "谁来") say nothing about which document fits.
    const queryIdf = [...unique].filter((t) => this.vocabulary.has(t)).reduce((sum, t) => sum + this.index.idf(t), 0);
    if (queryIdf === 0) return [];
    const hits: SearchHit[] = [];
    for (const raw of this.index.search(terms)) {
      const coverage = Math.min(1, raw.matchedIdf / queryIdf);
      if (coverage < this.minCoverage) continue;
      const doc = this.docs[raw.doc]!;
      // Snippets only for what is returned: they re-tokenise sentences.
      hits.push({ type: doc.type, id: doc.id, title: doc.title, snippet: searchSnippet(doc.body, unique), score: round(raw.score), coverage: round(coverage) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
