/**
 * Stable reason codes for a risk decision. `complaint_intent` ("我要投诉") and `strong_anger` alone
 * make a conversation medium; the others make it high. The trained risk classifier (`AffectClassifier`)
 * adds two for decisions no lexicon phrase explains: `escalation_threat` (high: a threat in words the lexicon
 * does not list, "明天我就去你们总部门口拉横幅", "这事我跟你们没完") and `grievance` (medium: a demand
 * for redress, a manager or a refund, or a threat to leave).
 */
export type RiskReason =
  | 'regulator_complaint'
  | 'media_exposure'
  | 'legal_threat'
  | 'self_harm'
  | 'repeated_escalation'
  | 'strong_anger'
  | 'complaint_intent'
  | 'escalation_threat'
  | 'grievance';

/** How urgently a conversation needs a human, and why. */
export type Risk = { level: 'none' | 'medium' | 'high'; reasons: RiskReason[] };
