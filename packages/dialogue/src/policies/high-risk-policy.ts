import type { TurnPolicy } from './turn-policy.js';

/**
 * A high-risk message (threat, media, regulator, self-harm) goes to a person at once, whatever else it says.
 * Self-harm or despair (risk reason `self_harm`) is no complaint: it gets care and the crisis hotlines instead of
 * the complaint reply, at the same top priority.
 */
export const highRiskPolicy: TurnPolicy = {
  name: 'high-risk',
  try(turn, { nlu }) {
    if (nlu.risk.level !== 'high') return false;
    const crisis = nlu.risk.reasons.includes('self_harm');
    turn.handOff({ reason: 'high_risk', priority: 'urgent' }, turn.phrase(crisis ? 'handoffCrisis' : 'handoffHighRisk'));
    return true;
  },
};
