import { isBareAnswer } from '../bare-answer.js';
import type { DialogueTurn } from '../dialogue-turn.js';
import { recallEntity } from '../entity-memory.js';
import { halfWidth } from '../half-width.js';
import { toPlainText } from '../plain-text.js';
import { fillStrictSlot, isStrictSlot } from '../slot-filler.js';
import type { TurnContext } from './turn-context.js';
import type { TurnPolicy } from './turn-policy.js';

/**
 * A typed slot (order number, mobile, date, options…) waiting for its value: the value fills it, a reference
 * ("刚才那个订单") recalls it, and a mistyped number is asked again. A message that is clearly something else —
 * another task about the value, a general question — is left to the detour and topic-switch policies.
 */
export const strictSlotPolicy: TurnPolicy = {
  name: 'strict-slot',
  try(turn, ctx) {
    const { here, event, cues, detour, services } = ctx;
    if (!here || here.frame.waiting !== 'slot' || here.step.type !== 'slot' || !isStrictSlot(here.step)) return false;
    const { step, frame } = here;
    const fill = fillStrictSlot(step, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: frame.options });
    // A reply that picks one of the offered buttons is an answer, whatever the classifier makes of "身份证办理";
    // but "E202611200007到哪了" while a return asks for its order is another task about that order,
    // and "你们周末上班吗" while a date is asked is a question, not the date.
    // "哦打错了，是2026…" after a rejected number is the corrected answer, whatever the classifier hears in "打错了".
    // "E2026…，运费谁出": the value, and a question in a clause of its own beside it — both are answered.
    // "畅享 59 元套餐" at the plan buttons quotes the chosen button's label: an answer, however sure an FAQ on plans is.
    const quotesButton = fill.ok && (frame.options ?? []).some((o) => o.value === fill.value && quotes(o.label, event.text));
    const bare = fill.ok && (isBareAnswer(event.text, fill.value) || quotesButton || labelsValue(event.text, fill.value, step.label) || cues.correction !== null);
    // A label quoted whole holds no question: its pieces ("60GB", "500分钟）") are no clauses asking about plans.
    const beside = fill.ok && !quotesButton ? services.sideQuestions.besideAnswer(event, fill.value) : undefined;
    // Only a sure FAQ displaces a value the message does give ("下个周末行不行" is the date, weekend hours or not).
    // "你们周六周日开门不" asks about the office's hours, not for a date: a clear FAQ displaces the day it names.
    const displaces = detour !== undefined && (detour.confidence >= services.thresholds.faq || (ASKS_ABOUT_US.test(event.text) && !/\d/.test(halfWidth(event.text))));
    if (fill.ok && (bare || beside || (!displaces && (frame.options !== null || !services.isTopicSwitch(turn, event.nlu))))) {
      if (beside) services.answerFaq(turn, beside);
      services.runner.fillSlot(turn, fill.value);
      return true;
    }
    const type = step.entity ?? step.validator;
    if (cues.reference && type !== undefined) {
      const recalled = recallEntity(turn.state.entities, type, cues.reference, turn.state.lastUsed[type]);
      if (recalled !== undefined) {
        services.runner.fillSlot(turn, recalled);
        return true;
      }
    }
    // "我忘了，好像是12345" while a reference is asked: a mistyped answer, not the complaint the classifier hears
    // (12345 is also a hotline) — unless the other task can use the number.
    if (!fill.ok && frame.options === null && /\d{4,}/.test(halfWidth(event.text)) && !detour && !otherTaskUsesNumber(turn, ctx)) {
      services.runner.rejectAnswer(turn);
      return true;
    }
    return false;
  },
};

/** The message switches to another task and that task has a typed slot its number fills ("E2026…到哪了"). */
function otherTaskUsesNumber(turn: DialogueTurn, { event, services }: TurnContext): boolean {
  if (!services.isTopicSwitch(turn, event.nlu) || !event.nlu.intent) return false;
  const other = services.registry.forIntent(event.nlu.intent.name);
  if (!other) return false;
  return other.steps.some(
    (s) => s.type === 'slot' && isStrictSlot(s) && !s.options && !s.optionsFrom && fillStrictSlot(s, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: null }).ok,
  );
}

// The customer asks about the organisation ("你们…", "贵行…"), not about their own case.
const ASKS_ABOUT_US = /你们|贵(?:行|司|中心|厅|单位)|\byou guys\b/i;

/** "身份证310115…" while the ID number is asked: the value with only words of the slot's own label around it. */
function labelsValue(text: string, value: string, label: { zh: string; en: string }): boolean {
  const rest = toPlainText(text).replace(toPlainText(value), '').replace(/^(?:我的|是)|是$/g, '');
  return rest.length >= 2 && (toPlainText(label.zh).includes(rest) || toPlainText(label.en).includes(rest));
}

/** The message is a piece of the label, nothing else: "5G 畅享 99 元套餐" of "5G 畅享 99 元套餐（¥99.00/月，…）". */
function quotes(label: string, text: string): boolean {
  const said = toPlainText(text);
  return said.length >= 2 && toPlainText(label).includes(said);
}
