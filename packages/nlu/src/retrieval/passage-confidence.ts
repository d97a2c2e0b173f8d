/** What BM25 says about a query's best passage, the inputs of {@link passageConfidence}. */
export type PassageHitEvidence = {
  /** Share of the query's IDF mass that the best passage (heading path and text) contains (0–1). */
  coverage: number;
  /** Share of the query's IDF mass found in the best passage's heading path alone (0–1). */
  headingCoverage: number;
  /** Share of the query's IDF mass in the best passage's best sentence (with its heading path) (0–1). */
  sentenceCoverage: number;
  /** How far the best score leads the runner-up, as a share of the best score (1 with no runner-up). */
  lead: number;
  /** The best BM25 score per unit of the query's IDF mass. */
  scorePerIdf: number;
  /** The query's size in rare terms: its IDF mass over the IDF of a term only one passage has. */
  querySize: number;
};

/**
 * Logistic weights fitted on the dev half of bench/documents (the four templates' documents, answerable questions
 * labelled by whether the best passage is the one that answers, unanswerable ones never right) by
 * `npx tsx bench/documents-calibrate.ts`; the frozen half never saw the fit.
 */
/** Weights of {@link passageConfidence}'s logistic model. */
export type PassageConfidenceWeights = {
  bias: number;
  coverage: number;
  headingCoverage: number;
  sentenceCoverage: number;
  lead: number;
  scorePerIdf: number;
  logQuerySize: number;
};

export const PASSAGE_CONFIDENCE_WEIGHTS: Readonly<PassageConfidenceWeights> = {
  bias: -4.869,
  coverage: 1.079,
  headingCoverage: 0.912,
  sentenceCoverage: 1.071,
  lead: 1.075,
  scorePerIdf: 1.964,
  logQuerySize: 1.183,
};

/**
 * The probability that a query's best passage answers it, calibrated on held-out questions.
 * @example passageConfidence({ coverage: 0.9, headingCoverage: 0.4, sentenceCoverage: 0.8, lead: 0.5, scorePerIdf: 1.2, querySize: 6 }) // ≈ 0.9
 */
export function passageConfidence(e: PassageHitEvidence, w: Readonly<PassageConfidenceWeights> = PASSAGE_CONFIDENCE_WEIGHTS): number {
  if (e.querySize <= 0) return 0;
  const z =
    w.bias +
    w.coverage * e.coverage +
    w.headingCoverage * e.headingCoverage +
    w.sentenceCoverage * e.sentenceCoverage +
    w.lead * e.lead +
    w.scorePerIdf * e.scorePerIdf +
    w.logQuerySize * Math.log(1 + e.querySize);
  return 1 / (1 + Math.exp(-z));
}
