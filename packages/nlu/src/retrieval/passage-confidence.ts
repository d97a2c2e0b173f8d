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
  /** Share of the query's word IDF mass (jieba words only, no character n-grams) the best passage contains (0–1). */
  wordCoverage: number;
  /** 1 when the question asks for an amount/duration/count/yes-no rule and the best passage states none, else 0. */
  typeMissing: number;
  /** How far the best passage leads the best passage of another section, re-ranked (0–1; 1 with none). */
  sectionLead: number;
  /** How many of the query's words (two characters or more) no passage has at all, at most 3. */
  unknownWords: number;
  /** The IDF of the rarest query word (two characters or more) the best passage lacks, over the rarest IDF (0–1). */
  missedWord: number;
  /** Share of the best passage's section-title words (IDF-weighted) that the question (with its synonyms) has (0–1). */
  titleRecall: number;
};

/**
 * Logistic weights fitted on the dev half of bench/documents (the four templates' documents, answerable questions
 * labelled by whether the best passage is the one that answers, unanswerable ones never right) by
 * `npx tsx bench/documents-calibrate.ts` (standardised logistic regression, L2 0.1, passages from the product's
 * importer, the templates' synonym lexicons and knowledge-graph names on, the section-title recall added); the frozen
 * half never saw the fit.
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
  wordCoverage: number;
  typeMissing: number;
  sectionLead: number;
  unknownWords: number;
  missedWord: number;
  titleRecall: number;
};

export const PASSAGE_CONFIDENCE_WEIGHTS: Readonly<PassageConfidenceWeights> = {
  bias: -4.627,
  coverage: 1.692,
  headingCoverage: 0.76,
  sentenceCoverage: 1.442,
  lead: 0.735,
  scorePerIdf: 1.404,
  logQuerySize: 1.109,
  wordCoverage: 0.259,
  typeMissing: 1.432,
  sectionLead: 1.032,
  unknownWords: -0.035,
  missedWord: -0.555,
  titleRecall: 0.911,
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
    w.logQuerySize * Math.log(1 + e.querySize) +
    w.wordCoverage * e.wordCoverage +
    w.typeMissing * e.typeMissing +
    w.sectionLead * e.sectionLead +
    w.unknownWords * e.unknownWords +
    w.missedWord * e.missedWord +
    w.titleRecall * e.titleRecall;
  return 1 / (1 + Math.exp(-z));
}
