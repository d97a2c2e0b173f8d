import { announcesNewRequest } from '../new-request-cue.js';
import { toPlainText } from '../plain-text.js';
import type { TurnPolicy } from './turn-policy.js';

const YES = /^(?:是|对|嗯|好|没错|正确|可以|行|确认|就是|正是|yes|yeah|yep|yup|right|correct|exactly|sure|thatsright|thatsit|ok)/i;
const NO = /^(?:不是|不对|不|否|错|no|nope|wrong)/i;

/**
 * The answer to "您说的是『与描述不符』吗？": yes takes that option ("嗯是的", "对，就是质量不行"), no asks the question
 * again with its buttons. Anything else drops the guess and is read as a fresh answer — the guess lives one turn.
 */
export const optionGuessReplyPolicy: TurnPolicy = {
  name: 'option-guess-reply',
  try(turn, { here, event, services }) {
    const guess = here?.frame.guess;
    if (!here || !guess) return false;
    here.frame.guess = null;
    const plain = toPlainText(event.text);
    if (NO.test(plain)) {
      const prompt = here.frame.prompt ?? { text: '', quickReplies: [] };
      turn.say(turn.phrase('optionPick', { prompt: prompt.text }), prompt.quickReplies);
      turn.mark('answered');
      return true;
    }
    // "对了，先帮我查下物流" opens another request: no yes to the guess.
    if (!YES.test(plain) || announcesNewRequest(event.text)) return false;
    services.runner.fillSlot(turn, guess.value);
    return true;
  },
};
