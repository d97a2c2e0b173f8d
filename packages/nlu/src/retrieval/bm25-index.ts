/** One document's fields: terms with a per-field weight (BM25F-style: weighted term frequencies). */
export type Bm25Document = { fields: { terms: readonly string[]; weight: number }[] };
export type Bm25Hit = { doc: number; score: number; matchedIdf: number };

/**
 * Okapi BM25 over weighted fields. Field weights scale term frequencies and lengths, so a
 * word in a question counts more than the same word in a long answer.
 * @example Bm25Index.build([{ fields: [{ terms: ['退货'], weight: 1 }] }]).search(['退货'])
 */
export class Bm25Index {
  private constructor(
    private readonly postings: Map<string, { doc: number; tf: number }[]>,
    private readonly docLength: Float64Array,
    private readonly avgLength: number,
    private readonly k1: number,
    private readonly b: number,
  ) {}

  static build(docs: readonly Bm25Document[], k1 = 1.2, b = 0.75): Bm25Index {
    const postings = new Map<string, { doc: number; tf: number }[]>();
    const docLength = new Float64Array(docs.length);
    docs.forEach((doc, d) => {
      const tf = new Map<string, number>();
      for (const field of doc.fields) {
        for (const term of field.terms) tf.set(term, (tf.get(term) ?? 0) + field.weight);
        docLength[d]! += field.terms.length * field.weight;
      }
      for (const [term, f] of tf) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push({ doc: d, tf: f });
      }
    });
    const avg = docs.length > 0 ? docLength.reduce((a, x) => a + x, 0) / docs.length : 1;
    return new Bm25Index(postings, docLength, avg || 1, k1, b);
  }

  get size(): number {
    return this.docLength.length;
  }

  /** Smoothed, always-positive IDF; a term no document has gets the IDF of a one-document term. */
  idf(term: string): number {
    const n = this.docLength.length;
    const df = Math.max(1, this.postings.get(term)?.length ?? 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** How many documents hold a term (0 for a term none has). */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** The IDF of a term exactly one document has, the largest there is. */
  get rareTermIdf(): number {
    return this.idf('');
  }

  /**
   * Documents sharing at least one term with the query, best first. `matchedIdf` sums the IDF of the query terms each
   * one contains; `queryWeight` scales a term's contribution (1 when absent), e.g. ½ for a synonym added to the query.
   */
  search(queryTerms: readonly string[], queryWeight?: ReadonlyMap<string, number>): Bm25Hit[] {
    const scores = new Map<number, Bm25Hit>();
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (queryWeight?.get(term) ?? 1);
      for (const { doc, tf } of list) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.docLength[doc] as number)) / this.avgLength);
        const hit = scores.get(doc) ?? { doc, score: 0, matchedIdf: 0 };
        hit.score += (idf * tf * (this.k1 + 1)) / norm;
        hit.matchedIdf += idf;
        scores.set(doc, hit);
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
