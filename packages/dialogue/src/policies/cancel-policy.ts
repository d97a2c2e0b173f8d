import type { TurnPolicy } from './turn-policy.js';

/**
 * "算了" in a flow asks "are you sure?" before the task is dropped; the answer is read by the cancel-confirm policy.
 * "算了余额不看了，帮我查账单" has already said both: the task is dropped and the other one started, no question asked.
 */
export const cancelPolicy: TurnPolicy = {
  name: 'cancel',
  try(turn, { here, cues, event, services }) {
    if (!here || !cues.cancel) return false;
    const other = event.nlu.intent && services.isTopicSwitch(turn, event.nlu) ? services.registry.forIntent(event.nlu.intent.name) : undefined;
    // Dropping a task the customer had put aside would bring that one back first ("我们继续…"): ask as usual there.
    if (other && event.nlu.intent && turn.state.stack.at(-1)?.mode !== 'suspend') {
      services.runner.cancel(turn, 'cancelledForOther');
      turn.intent = event.nlu.intent;
      services.startFlow(turn, other, event.nlu.entities, event.text, cues);
      return true;
    }
    turn.state.pending = { kind: 'cancel_confirm' };
    turn.say(turn.phrase('cancelConfirm', { flow: services.runner.title(turn, here.frame) }), [turn.phrase('yes'), turn.phrase('no')]);
    // A yes/no about leaving the task, not a clarification of what the customer wants: analytics must not count it as one.
    turn.mark('answered');
    return true;
  },
};
