import { toPlainText } from '../plain-text.js';
import type { TurnPolicy } from './turn-policy.js';

// "不用了，证明不开了", "余额不查了": the task itself given up, in the customer's own verb — a yes to leaving it.
const TASK_GIVEN_UP = /不(?:开|查|看|办|弄|要|退|换|改|约|预约|申请|挂失|补|修|报|寄|转|开通|办理)了/;

/** The answer to "确定要取消…吗？": no resumes the task, yes (or "算了" again) cancels it; anything else is read afresh. */
export const cancelConfirmPolicy: TurnPolicy = {
  name: 'cancel-confirm',
  try(turn, { pending, cues, event, services }) {
    if (pending?.kind !== 'cancel_confirm' || !turn.state.flow) return false;
    const givenUp = TASK_GIVEN_UP.test(toPlainText(event.text));
    if (cues.confirmation === 'no' && !givenUp) {
      services.runner.resume(turn, 'continueFlow');
      return true;
    }
    if (cues.confirmation === 'yes' || cues.cancel || givenUp) {
      services.runner.cancel(turn);
      return true;
    }
    return false;
  },
};
