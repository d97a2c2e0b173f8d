/** What BM25 says about a query's best FAQ hit, the inputs of {@link faqConfidence}. */
export type FaqHitEvidence = {
  /** Share of the query's IDF mass that the best hit contains (0–1). */
  coverage: number;
  /** How far the best score leads the runner-up, as a share of the best score (1 with no runner-up). */
  lead: number;
  /** The runner-up's coverage (0 with no runner-up). */
  runnerUpCoverage: number;
  /** The best BM25 score. */
  score: number;
  /** The query's IDF mass. */
  queryIdf: number;
  /** The IDF of a term only one FAQ has: `queryIdf` over it is the query's size in rare terms, on any FAQ count. */
  rareTermIdf: number;
};

/**
 * Logistic weights fitted (L2 1e-3) on the four industry templates' own FAQs: every question or paraphrase left out
 * of its FAQ in turn and searched for (1,488 queries, 89 % found first; not the last paraphrase, which bench:templates
 * holds out), plus the templates' out-of-scope utterances (907, never right). Customers' questions are longer and chattier than an FAQ writer's, so the share of
 * words matched alone (the old confidence) said "unsure" for most right hits; score per unit of query IDF and the
 * query's size (in rare terms, so that a knowledge base of 5 FAQs reads like one of 60) say how much of it is filler. The fit never saw a benchmark item.
 */
const BIAS = -13.029;
const W_COVERAGE = 2.837;
const W_LEAD = 2.594;
const W_RUNNER_UP = 2.021;
const W_SCORE_PER_IDF = 5.365;
const W_LOG_QUERY_SIZE = 2.797;

/**
 * The probability that a query's best FAQ hit is the FAQ it asks about, calibrated on held-out paraphrases.
 * @example faqConfidence({ coverage: 0.9, lead: 0.6, runnerUpCoverage: 0.3, score: 30, queryIdf: 25, rareTermIdf: 3.7 }) // ≈ 0.99
 */
export function faqConfidence(e: FaqHitEvidence): number {
  if (e.queryIdf <= 0 || e.rareTermIdf <= 0) return 0;
  const z =
    BIAS +
    W_COVERAGE * e.coverage +
    W_LEAD * e.lead +
    W_RUNNER_UP * e.runnerUpCoverage +
    W_SCORE_PER_IDF * (e.score / e.queryIdf) +
    W_LOG_QUERY_SIZE * Math.log(1 + e.queryIdf / e.rareTermIdf);
  return 1 / (1 + Math.exp(-z));
}
