import type { DialogueServices } from './dialogue-services.js';
import type { FlowFrame } from './dialogue-state.js';
import type { DialogueTurn } from './dialogue-turn.js';
import type { FlowDefinition, SlotStep } from './flow-definition.js';
import { guessOption } from './option-guesser.js';
import { toPlainText } from './plain-text.js';
import { fillStrictSlot, isStrictSlot } from './slot-filler.js';

type Entity = { type: string; value: string; text: string };

/** A filled slot and the value a correction gives it instead. */
export type SlotCorrection = { step: SlotStep; value: string };

// What introduces the new value of a free-text slot: "名字打错了，是李梦瑶，王字旁那个瑶" → 李梦瑶.
const FREE_VALUE = /^(?:应该是|改成|改为|换成|是)\s*[:：]?\s*([^，,。；;！!？?]+)/;

/**
 * Which filled slot of a flow a correction is about, and its new value. Typed slots come first, those the message
 * names ("订单号…") before the others; an option slot also takes an option the words clearly mean ("是卡坏了读不出来");
 * a free-text slot only when the message names it ("名字打错了，是…"). Values the correction denies are not in
 * `valueText` (see `readCorrection`), and entities found only there are ignored. A value equal to the old one
 * corrects nothing. `only: 'options'` looks at option slots alone (a change of mind without a correction cue).
 * @example findSlotCorrection(turn, flow, frame, '订单号是E202611200007', text, entities, services) // { step: orderStep, value: 'E202611200007' }
 */
export function findSlotCorrection(
  turn: DialogueTurn,
  flow: FlowDefinition,
  frame: FlowFrame,
  valueText: string,
  text: string,
  entities: readonly Entity[],
  services: DialogueServices,
  only: 'any' | 'options' = 'any',
): SlotCorrection | undefined {
  const filled = flow.steps.filter((s): s is SlotStep => s.type === 'slot' && frame.slots[s.slot] !== undefined && frame.slots[s.slot] !== null && frame.slots[s.slot] !== '');
  const plainValue = toPlainText(valueText);
  const kept = entities.filter((e) => plainValue.includes(toPlainText(e.text)));
  const strict = filled.filter((s) => isStrictSlot(s) && (only === 'any' || s.options !== undefined || s.optionsFrom !== undefined));
  const named = strict.filter((s) => names(text, s));
  for (const step of [...named, ...strict.filter((s) => !named.includes(s))]) {
    const options = services.runner.optionsFor(turn, step, frame);
    let fill = fillStrictSlot(step, { text: valueText, entities: kept, clock: turn.clock, options });
    if (!fill.ok && options?.length) {
      const guess = guessOption(valueText, options, services.optionVocabulary);
      const option = guess?.sure ? options[guess.index] : undefined;
      if (option) fill = { ok: true, value: option.value };
    }
    if (fill.ok && fill.value !== frame.slots[step.slot]) return { step, value: fill.value };
  }
  for (const step of only === 'any' ? filled.filter((s) => !isStrictSlot(s) && names(text, s)) : []) {
    const value = FREE_VALUE.exec(valueText.trim())?.[1]?.trim();
    if (value && value !== frame.slots[step.slot]) return { step, value };
  }
  return undefined;
}

/** The message names the slot: its label ("订单号"), or for a short label one of its characters ("名字" for 姓名). */
function names(text: string, step: SlotStep): boolean {
  const plain = toPlainText(text);
  const zh = toPlainText(step.label.zh);
  if (plain.includes(zh) || plain.includes(toPlainText(step.label.en))) return true;
  return zh.length <= 3 && [...zh].some((c) => !GENERIC_CHARS.has(c) && plain.includes(c));
}

// Characters shared by too many labels to name one: "号" (单号, 手机号), "码", "的".
const GENERIC_CHARS = new Set(['号', '码', '的', '是', '人', '类', '型']);
