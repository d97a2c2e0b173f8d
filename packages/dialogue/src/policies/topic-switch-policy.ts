import type { TurnPolicy } from './turn-policy.js';
import { smallTalkPhrase } from '../small-talk-phrase.js';

/**
 * Mid-flow detours: another task (started, the current one put aside to resume), a repeat of the current task
 * (with its side question answered), greetings, thanks, goodbye (which drops the task quietly), or an FAQ
 * (answered, then the step is asked again).
 */
export const topicSwitchPolicy: TurnPolicy = {
  name: 'topic-switch',
  try(turn, { here, event, cues, faqs, services }) {
    if (!here) return false;
    const nlu = event.nlu;
    const intent = nlu.outOfScope ? null : nlu.intent;
    const faq = faqs.find((f) => f.confidence >= services.thresholds.faq);
    if (intent && intent.confidence >= services.topicSwitchBar(nlu)) {
      if (services.runner.taskIntents(turn.state).includes(intent.name)) {
        // "我要退货，运费谁出" while the return is under way: answer the question, then carry on.
        const side = services.sideQuestion(event, cues, faqs, intent);
        if (side) services.answerFaq(turn, side);
        services.runner.resume(turn, 'continueFlow');
        return true;
      }
      const other = services.registry.forIntent(intent.name);
      if (other && (!faq || faq.confidence <= intent.confidence + services.thresholds.faqOverFlowMargin)) {
        turn.intent = intent;
        const side = services.sideQuestion(event, cues, faqs, intent);
        if (side) services.answerFaq(turn, side);
        services.startFlow(turn, other, nlu.entities, event.text, cues);
        return true;
      }
      if (intent.name === 'greeting') {
        services.runner.resume(turn, 'continueFlow');
        return true;
      }
      if (intent.name === 'thanks') {
        turn.say(turn.phrase(smallTalkPhrase('thanks', nlu)));
        turn.mark('answered');
        services.runner.resume(turn, 'resumeFlow');
        return true;
      }
      if (intent.name === 'goodbye') {
        // Leaving mid-task: drop it quietly rather than asking "are you sure?" to someone who has said goodbye.
        turn.intent = intent;
        turn.say(turn.phrase('goodbye'));
        turn.state.flow = null;
        turn.state.stack = [];
        turn.mark('cancelled');
        return true;
      }
    }
    if (faq) {
      services.answerFaq(turn, faq);
      services.runner.resume(turn, 'resumeFlow', 'answered');
      return true;
    }
    return false;
  },
};
