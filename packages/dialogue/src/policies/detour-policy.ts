import { readsAcrossIntents } from '../faq-across-intents.js';
import { guessOption } from '../option-guesser.js';
import { isStrictSlot } from '../slot-filler.js';
import { askWhichSideQuestion } from './side-question-clarify-policy.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * "拆封了还能退吗" while a return waits for its reason: the policy question is answered, then the step is asked again.
 * A message that names one of the options on show and asks nothing ("我自己寄回去吧" at 上门取件 / 自行寄回) is that
 * answer, even when the act classifier hears a question in it: answering the FAQ and asking again would loop for good.
 */
export const detourPolicy: TurnPolicy = {
  name: 'detour',
  try(turn, { here, detour, cues, event, faqs, confident, services }) {
    if (!here || !detour) return false;
    const options = here.frame.waiting === 'slot' ? here.frame.options : null;
    if (options?.length && !cues.asks) {
      const guess = guessOption(event.text, options, services.optionVocabulary);
      if (guess && (guess.sure || guess.alone)) return false;
    }
    // "退款一般几天能到账啊？" during a refund reads as a refund but matches the FAQ on delivery times: asked, not guessed.
    if (readsAcrossIntents(detour, confident, services.thresholds)) {
      // While a free-text answer is awaited, a hit on another topic than the message is no side question: the message
      // is the answer. The teller complaint's description ("那个柜员问两句就不耐烦…") was met with "您是想问…" and the
      // same step again, and the customer, saying it again, looped until the turn limit.
      if (here.frame.waiting === 'slot' && here.step.type === 'slot' && !isStrictSlot(here.step) && here.frame.options === null) return false;
      askWhichSideQuestion(turn, faqs, event.text, services);
      return true;
    }
    services.answerFaq(turn, detour);
    services.runner.resume(turn, 'resumeFlow', 'answered');
    return true;
  },
};
