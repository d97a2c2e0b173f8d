import type { RiskScores } from './affect-classifier.js';

/**
 * What a high-risk decision rests on: the risk classifier's calibrated scores and which families of risk
 * wording the lexicons found (`affectCues`). Kept apart from the classifier so the thresholds can be studied
 * on out-of-fold scores without retraining.
 */
export type HighRiskEvidence = {
  scores: RiskScores;
  /** A threat family (regulator, media, court or police, public scene, petition, vow, violence) or a high lexicon reason. */
  threat: boolean;
  /** A despair family phrase ("撑不下去", "活着没劲", "死给你们看"). */
  despair: boolean;
  /** A self-harm phrase of the risk lexicon ("不想活", "轻生"): always a crisis. */
  selfHarm: boolean;
};

export type HighRiskSettings = {
  /** `P(high) + P(crisis)` at or above this makes a message with a threat or despair phrase high risk. */
  candidate: number;
  /** The same for a message with no such phrase: the classifier alone must be this sure. */
  unmarked: number;
  /** With a despair phrase, this share of the high-risk score on the crisis class makes it a crisis. */
  crisisShare: number;
  /** Without a despair phrase, the crisis class needs this share. */
  unmarkedCrisisShare: number;
};

// Chosen by 5-fold cross-validation on the training part (bench/emotion-dev.ts --grid; the table is in
// bench/results/emotion.md) by one rule fixed beforehand: the highest out-of-fold high-risk recall, ties broken by
// precision (759 messages: recall 99.6 %, precision 96.6 %). The phrase families are the high-recall first stage:
// the classifier only has to reject questions about complaining ("12315投诉多久有回复") and grievances that name
// no step beyond the company. A message without any family phrase must convince the classifier on its own.
// The crisis shares did not move the out-of-fold crises (59 of 59 found, none extra) anywhere in 0.2–0.6.
export const DEFAULT_HIGH_RISK_SETTINGS: HighRiskSettings = { candidate: 0.2, unmarked: 0.3, crisisShare: 0.3, unmarkedCrisisShare: 0.5 };

/**
 * Two stages: a family of risk wording makes a message a candidate, and the trained classifier decides
 * (a low bar for candidates, a high one for the rest). A self-harm phrase the risk lexicon knows is a crisis
 * whatever the scores say: a missed person in crisis is the error no precision is worth.
 * @example decideHighRisk({ scores, threat: true, despair: false, selfHarm: false }) // { high: scores.high + scores.crisis >= 0.2, crisis: false }
 */
export function decideHighRisk(evidence: HighRiskEvidence, settings: HighRiskSettings = DEFAULT_HIGH_RISK_SETTINGS): { high: boolean; crisis: boolean } {
  const { scores } = evidence;
  const highScore = scores.high + scores.crisis;
  if (evidence.selfHarm) return { high: true, crisis: true };
  const marked = evidence.threat || evidence.despair;
  const high = highScore >= (marked ? settings.candidate : settings.unmarked);
  const share = evidence.despair ? settings.crisisShare : settings.unmarkedCrisisShare;
  const crisis = high && scores.crisis >= share * highScore;
  return { high, crisis };
}
