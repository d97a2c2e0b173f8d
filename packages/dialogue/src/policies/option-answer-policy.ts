import { guessOption } from '../option-guesser.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A question with options answered in the customer's own words ("穿了一次就开线了" for a return reason): the closest
 * option is taken when the answer clearly names it or comes close to it alone (named back: "好的，按『…』为您处理"),
 * and asked back ("您说的是『商品质量问题』吗？") when another option comes close too — unless the message rather
 * asks for another task. An answer close to no option is left to the
 * other policies (and finally asked again with the buttons).
 */
export const optionAnswerPolicy: TurnPolicy = {
  name: 'option-answer',
  try(turn, { here, event, services }) {
    if (!here || here.frame.waiting !== 'slot' || here.step.type !== 'slot' || !here.frame.options?.length) return false;
    const { frame } = here;
    const options = frame.options ?? [];
    const guess = guessOption(event.text, options, services.optionVocabulary);
    const option = guess === undefined ? undefined : options[guess.index];
    if (!guess || !option) return false;
    if (guess.sure) {
      services.runner.fillSlot(turn, option.value);
      return true;
    }
    if (services.isTopicSwitch(turn, event.nlu)) return false;
    // "一点网都没有" comes close to 完全无法上网 and to nothing else: asking "是吗？" would only hold the customer up,
    // so the option is taken and named back, and a misreading is one "不对，是…" away.
    if (guess.alone) {
      turn.say(turn.phrase('optionTaken', { label: option.label }));
      services.runner.fillSlot(turn, option.value);
      return true;
    }
    frame.guess = { value: option.value, label: option.label };
    turn.say(turn.phrase('optionGuess', { label: option.label }), [turn.phrase('yes'), turn.phrase('no')]);
    turn.mark('clarified');
    return true;
  },
};
