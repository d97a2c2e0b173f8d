import type { TurnPolicy } from './turn-policy.js';

/** "拆封了还能退吗" while a return waits for its reason: the policy question is answered, then the step is asked again. */
export const detourPolicy: TurnPolicy = {
  name: 'detour',
  try(turn, { here, detour, services }) {
    if (!here || !detour) return false;
    services.answerFaq(turn, detour);
    services.runner.resume(turn, 'resumeFlow', 'answered');
    return true;
  },
};
