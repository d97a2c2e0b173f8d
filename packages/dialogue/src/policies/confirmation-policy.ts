import { readConfirmReply } from '../confirm-reply.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * The answer to a flow's confirmation. There "取消"/"不对" mean "no", not a request to abandon the task; a yes that
 * says more ("没问题，提交吧", "對，確認") is still a yes.
 */
export const confirmationPolicy: TurnPolicy = {
  name: 'confirmation',
  try(turn, { here, cues, event, services }) {
    if (!here || here.frame.waiting !== 'confirm') return false;
    const answer = cues.confirmation ?? readConfirmReply(event.nlu.normalized || event.text, here.frame.prompt?.text);
    if (answer === null) return false;
    services.runner.answerConfirm(turn, answer === 'yes');
    return true;
  },
};
