/**
 * Stable reason codes for a risk decision. `complaint_intent` ("我要投诉") and `strong_anger` alone
 * make a conversation medium; the others make it high.
 */
export type RiskReason =
  | 'regulator_complaint'
  | 'media_exposure'
  | 'legal_threat'
  | 'self_harm'
  | 'repeated_escalation'
  | 'strong_anger'
  | 'complaint_intent';

/** How urgently a conversation needs a human, and why. */
export type Risk = { level: 'none' | 'medium' | 'high'; reasons: RiskReason[] };
