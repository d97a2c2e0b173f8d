import type { TurnPolicy } from './turn-policy.js';

/** The answer to "确定要取消…吗？": no resumes the task, yes (or "算了" again) cancels it; anything else is read afresh. */
export const cancelConfirmPolicy: TurnPolicy = {
  name: 'cancel-confirm',
  try(turn, { pending, cues, services }) {
    if (pending?.kind !== 'cancel_confirm' || !turn.state.flow) return false;
    if (cues.confirmation === 'no') {
      services.runner.resume(turn, 'continueFlow');
      return true;
    }
    if (cues.confirmation === 'yes' || cues.cancel) {
      services.runner.cancel(turn);
      return true;
    }
    return false;
  },
};
