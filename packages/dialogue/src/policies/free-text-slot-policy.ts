import { matchChoice } from '../choice-matcher.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import type { FlowDefinition } from '../flow-definition.js';
import { isSmallTalk } from '../intent-labels.js';
import { pickText } from '../localized-text.js';
import { isBareAnswer } from '../bare-answer.js';
import { matchOpeningPattern } from '../opening-pattern.js';
import { toPlainText } from '../plain-text.js';
import { isStrictSlot } from '../slot-filler.js';
import type { UtteranceCues } from '../utterance-cues.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A free-text answer (a complaint, an address, a company name) is taken as it is, even when the classifier reads
 * the same task into it ("客服把我电话挂了" is a complaint); only another task, small talk, a bare yes/no or
 * a repeat of an earlier choice ("单位" when the company's name is asked) is not an answer.
 */
export const freeTextSlotPolicy: TurnPolicy = {
  name: 'free-text-slot',
  try(turn, { here, event, cues, generalQuestion, services }) {
    if (!here || here.frame.waiting !== 'slot' || here.step.type !== 'slot' || isStrictSlot(here.step)) return false;
    const text = event.text.trim();
    const intent = event.nlu.outOfScope ? null : event.nlu.intent;
    if (text === '' || (services.isTopicSwitch(turn, event.nlu) && !tellsWhatHappened(here.step.label, text, cues))) return false;
    if (intent && isSmallTalk(intent.name) && intent.confidence >= services.thresholds.topicSwitch) return false;
    if (cues.confirmation !== null || repeatsEarlierChoice(turn, here.flow, text)) {
      services.runner.resume(turn, 'continueFlow');
      return true;
    }
    // "哦，宽带账号是KD0571001234" answers with the account, not with the whole sentence as an address.
    const shaped = here.step.openingPattern !== undefined ? matchOpeningPattern(here.step.openingPattern, text) : undefined;
    // "修不好有补偿吗？" where an account or an address is asked is a question, not the address.
    if (here.step.openingPattern !== undefined && shaped === undefined && generalQuestion) return false;
    services.runner.fillSlot(turn, shaped ?? text);
    return true;
  },
};

// A slot that asks the customer to tell what happened (问题描述), where a story is the answer whatever task it mentions.
const ACCOUNT_LABEL = /描述|说明|经过|情况|详情|description|details/i;
// What starts another task rather than telling a story: "对了，先帮我查…", "我要退货", "can you check…".
const ASKS_FOR_TASK = /帮我|给我|麻烦|我要|我想|想要|请你|你们?(?:能|可以)|先|对了|顺便|另外|还有个|查一下|查查|can you|could you|please|i want|i'd like|help me/i;
// Shorter than this, "查话费" or "宽带断了" is more likely a new request than an account of what happened.
const STORY_LENGTH = 15;

/**
 * At a description slot, a long account with no request and no question in it is the description, although the
 * classifier hears another task in it ("号码是135…，这三个月每个月都扣了15块" reads as a bill query, "包裹在上海卡了
 *好几天" as a delivery delay): the customer is telling what happened, as asked.
 */
function tellsWhatHappened(label: { zh: string; en: string }, text: string, cues: UtteranceCues): boolean {
  if (!ACCOUNT_LABEL.test(label.zh) && !ACCOUNT_LABEL.test(label.en)) return false;
  return toPlainText(text).length >= STORY_LENGTH && !cues.asks && !ASKS_FOR_TASK.test(text);
}

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
