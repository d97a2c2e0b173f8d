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

/** The confidence's inputs as the logistic model reads them, in the order of {@link FaqConfidenceWeights.features}. */
export const FAQ_CONFIDENCE_FEATURES = ['coverage', 'lead', 'runnerUpCoverage', 'scorePerIdf', 'logQuerySize'] as const;

export type FaqConfidenceWeights = { bias: number; features: Record<(typeof FAQ_CONFIDENCE_FEATURES)[number], number> };

/**
 * Logistic weights fitted (L2 1e-3 on the summed log-likelihood, bias free) on the four industry templates' own FAQs: every question or paraphrase left out
 * of its FAQ in turn and searched for (not the last paraphrase, which bench:templates holds out), plus the templates'
 * out-of-scope utterances (never right). Customers' questions are longer and chattier than an FAQ writer's, so the share
 * of words matched alone (the old confidence) said "unsure" for most right hits; score per unit of query IDF and the
 * query's size (in rare terms, so that a knowledge base of 5 FAQs reads like one of 60) say how much of it is filler.
 * The fit never saw a benchmark item. Refit and compare: `npm run bench:faq-confidence` (bench/fit-faq-confidence.ts).
 */
export const FAQ_CONFIDENCE_WEIGHTS: FaqConfidenceWeights = {
  bias: -13.469,
  features: { coverage: 1.884, lead: 2.365, runnerUpCoverage: 1.355, scorePerIdf: 6.659, logQuerySize: 2.952 },
};

/** The model's input vector for a hit, in the order of {@link FAQ_CONFIDENCE_FEATURES}. */
export function faqConfidenceFeatures(e: FaqHitEvidence): number[] {
  return [e.coverage, e.lead, e.runnerUpCoverage, e.score / e.queryIdf, Math.log(1 + e.queryIdf / e.rareTermIdf)];
}

/**
 * The probability that a query's best FAQ hit is the FAQ it asks about, calibrated on held-out paraphrases.
 * @example faqConfidence({ coverage: 0.9, lead: 0.6, runnerUpCoverage: 0.3, score: 30, queryIdf: 25, rareTermIdf: 3.7 }) // ≈ 0.99
 */
export function faqConfidence(e: FaqHitEvidence, weights: FaqConfidenceWeights = FAQ_CONFIDENCE_WEIGHTS): number {
  if (e.queryIdf <= 0 || e.rareTermIdf <= 0) return 0;
  const x = faqConfidenceFeatures(e);
  const z = FAQ_CONFIDENCE_FEATURES.reduce((sum, name, i) => sum + weights.features[name] * x[i]!, weights.bias);
  return 1 / (1 + Math.exp(-z));
}
