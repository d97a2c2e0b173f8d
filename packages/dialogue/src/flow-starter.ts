import { findMentionedChoice } from './choice-matcher.js';
import type { DialogueTurn } from './dialogue-turn.js';
import { noteEntity, recallEntity } from './entity-memory.js';
import type { FlowDefinition, SlotStep } from './flow-definition.js';
import type { FlowRegistry } from './flow-registry.js';
import type { FlowRunner } from './flow-runner.js';
import { pickText } from './localized-text.js';
import { namedValidators } from './named-validators.js';
import { matchOpeningPattern } from './opening-pattern.js';
import { fillStrictSlot } from './slot-filler.js';
import type { UtteranceCues } from './utterance-cues.js';

type Entity = { type: string; value: string; text: string };

/**
 * Starts a flow from the message that asked for it, filling what that message already says (an order number,
 * a fixed choice it mentions, "刚才那个订单"), so nothing is asked twice.
 */
export class FlowStarter {
  constructor(
    private readonly registry: FlowRegistry,
    private readonly runner: FlowRunner,
  ) {}

  start(turn: DialogueTurn, flow: FlowDefinition, entities: readonly Entity[], text: string, cues: UtteranceCues): void {
    const { state } = turn;
    const prefill: Record<string, string> = {};
    const optionLabels: Record<string, string> = {};
    const used = new Set<string>();
    const typed = flow.steps.filter((s): s is SlotStep => s.type === 'slot' && (s.entity !== undefined || (s.validator !== undefined && s.validator in namedValidators)));
    for (const step of typed) {
      const fill = fillStrictSlot({ ...step, options: undefined, optionsFrom: undefined }, { text, entities, clock: turn.clock, options: null });
      if (fill.ok && !used.has(fill.value)) {
        prefill[step.slot] = fill.value;
        used.add(fill.value);
      }
    }
    for (const step of flow.steps) {
      if (step.type !== 'slot' || step.openingPattern === undefined || prefill[step.slot] !== undefined) continue;
      const value = matchOpeningPattern(step.openingPattern, text);
      if (value) prefill[step.slot] = value;
    }
    // "家里宽带上不了网" already answers "what is happening?": fixed choices the opening message mentions are taken.
    for (const step of flow.steps) {
      if (step.type !== 'slot' || !step.options || prefill[step.slot] !== undefined) continue;
      const options = step.options.map((o) => ({ label: pickText(o.label, turn.locale), synonyms: [...o.synonyms, o.label.zh, o.label.en] }));
      const index = findMentionedChoice(text, options);
      const option = index === undefined ? undefined : step.options[index];
      if (option) {
        prefill[step.slot] = option.value;
        optionLabels[step.slot] = pickText(option.label, turn.locale);
      }
    }
    if (cues.reference) {
      for (const step of typed) {
        const type = step.entity ?? step.validator;
        if (prefill[step.slot] !== undefined || type === undefined) continue;
        const recalled = recallEntity(state.entities, type, cues.reference, state.lastUsed[type]);
        if (recalled !== undefined) {
          prefill[step.slot] = recalled;
          break;
        }
      }
    }
    for (const step of typed) {
      const value = prefill[step.slot];
      const type = step.entity ?? step.validator;
      if (value !== undefined && type !== undefined) noteEntity(state, type, value);
    }
    if (Object.keys(prefill).length > 0) turn.mark('slot_filled');
    this.runner.start(turn, flow, prefill, optionLabels, this.handover(turn, flow, entities, text, used));
  }

  /** Typed values in the opening message for the slots of sub-flows the flow calls (a mobile for the identity check). */
  private handover(turn: DialogueTurn, flow: FlowDefinition, entities: readonly Entity[], text: string, used: Set<string>): Record<string, string> {
    const given: Record<string, string> = {};
    for (const call of flow.steps) {
      if (call.type !== 'subflow') continue;
      for (const step of this.registry.get(call.flow).steps) {
        if (step.type !== 'slot' || given[step.slot] !== undefined || (step.entity === undefined && !(step.validator !== undefined && step.validator in namedValidators))) continue;
        // Codes are typed after they are sent; a number in the opening message is never one.
        if (step.validator === 'otp_code') continue;
        const fill = fillStrictSlot({ ...step, options: undefined, optionsFrom: undefined }, { text, entities, clock: turn.clock, options: null });
        if (fill.ok && !used.has(fill.value)) given[step.slot] = fill.value;
      }
    }
    return given;
  }
}
