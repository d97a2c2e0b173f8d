import type { TurnPolicy } from './turn-policy.js';

/** The answer to a flow's confirmation. There "取消"/"不对" mean "no", not a request to abandon the task. */
export const confirmationPolicy: TurnPolicy = {
  name: 'confirmation',
  try(turn, { here, cues, services }) {
    if (!here || here.frame.waiting !== 'confirm' || cues.confirmation === null) return false;
    services.runner.answerConfirm(turn, cues.confirmation === 'yes');
    return true;
  },
};
