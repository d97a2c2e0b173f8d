/** Stable reason codes for a risk decision. */
export type RiskReason =
  | 'regulator_complaint'
  | 'media_exposure'
  | 'legal_threat'
  | 'self_harm'
  | 'repeated_escalation'
  | 'strong_anger';

/** How urgently a conversation needs a human, and why. */
export type Risk = { level: 'none' | 'medium' | 'high'; reasons: RiskReason[] };
