import type { TurnPolicy } from './turn-policy.js';

/** A high-risk message (threat, media, regulator, self-harm) goes to a person at once, whatever else it says. */
export const highRiskPolicy: TurnPolicy = {
  name: 'high-risk',
  try(turn, { nlu }) {
    if (nlu.risk.level !== 'high') return false;
    turn.handOff({ reason: 'high_risk', priority: 'urgent' }, turn.phrase('handoffHighRisk'));
    return true;
  },
};
