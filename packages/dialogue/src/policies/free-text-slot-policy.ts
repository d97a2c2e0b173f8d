import { matchChoice } from '../choice-matcher.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import type { FlowDefinition } from '../flow-definition.js';
import { isSmallTalk } from '../intent-labels.js';
import { pickText } from '../localized-text.js';
import { isBareAnswer } from '../bare-answer.js';
import { matchOpeningPattern } from '../opening-pattern.js';
import { isStrictSlot } from '../slot-filler.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A free-text answer (a complaint, an address, a company name) is taken as it is, even when the classifier reads
 * the same task into it ("客服把我电话挂了" is a complaint); only another task, small talk, a bare yes/no or
 * a repeat of an earlier choice ("单位" when the company's name is asked) is not an answer.
 */
export const freeTextSlotPolicy: TurnPolicy = {
  name: 'free-text-slot',
  try(turn, { here, event, cues, services }) {
    if (!here || here.frame.waiting !== 'slot' || here.step.type !== 'slot' || isStrictSlot(here.step)) return false;
    const text = event.text.trim();
    const intent = event.nlu.outOfScope ? null : event.nlu.intent;
    if (text === '' || services.isTopicSwitch(turn, event.nlu)) return false;
    if (intent && isSmallTalk(intent.name) && intent.confidence >= services.thresholds.topicSwitch) return false;
    if (cues.confirmation !== null || repeatsEarlierChoice(turn, here.flow, text)) {
      services.runner.resume(turn, 'continueFlow');
      return true;
    }
    // "哦，宽带账号是KD0571001234" answers with the account, not with the whole sentence as an address.
    const shaped = here.step.openingPattern !== undefined ? matchOpeningPattern(here.step.openingPattern, text) : undefined;
    services.runner.fillSlot(turn, shaped ?? text);
    return true;
  },
};

/** The message is exactly an option already chosen earlier in this flow. */
function repeatsEarlierChoice(turn: DialogueTurn, flow: FlowDefinition, text: string): boolean {
  const frame = turn.state.flow;
  if (!frame) return false;
  return flow.steps.some((s) => {
    if (s.type !== 'slot' || !s.options) return false;
    const chosen = frame.slots[s.slot];
    if (chosen === undefined || chosen === null || chosen === '') return false;
    const options = s.options.map((o) => ({ label: pickText(o.label, turn.locale), synonyms: [...o.synonyms, o.label.zh, o.label.en] }));
    const index = matchChoice(text, options);
    return index !== undefined && s.options[index]?.value === chosen && isBareAnswer(text, options[index]?.label ?? '');
  });
}
