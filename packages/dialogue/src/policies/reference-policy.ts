import type { TurnPolicy } from './turn-policy.js';

/** "那另一个订单呢": no new intent, a reference to an entity — the customer repeats the last task for it. */
export const referencePolicy: TurnPolicy = {
  name: 'reference',
  try(turn, { here, cues, confident, intent, event, nlu, services }) {
    const last = turn.state.lastFlowIntent;
    if (here || !cues.reference || confident || !last || !services.registry.forIntent(last)) return false;
    services.routeIntent(turn, last, intent?.confidence ?? 0, nlu.entities, event, cues);
    return true;
  },
};
