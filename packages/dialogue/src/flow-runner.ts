import { FlowLoopError, UnexpectedActionResultError } from './dialogue-error.js';
import { ACTION_NOT_CONFIGURED, type ActionResultEvent } from './dialogue-event.js';
import type { DialogueState, FlowFrame } from './dialogue-state.js';
import type { DialogueTurn } from './dialogue-turn.js';
import { evaluateAll } from './evaluate-condition.js';
import type { ConfirmStep, FlowDefinition, FlowStep, SlotStep } from './flow-definition.js';
import type { FlowRegistry } from './flow-registry.js';
import { interpolate, resolveArgument } from './interpolate.js';
import { lookupPath } from './path-lookup.js';
import { noteEntity } from './entity-memory.js';
import { pickText } from './localized-text.js';

/** A flow can run this many steps in one turn before it is considered stuck in a branch loop. */
const MAX_STEPS_PER_TURN = 64;

/** How deep flows may be put aside (sub-flow calls and topic switches) before the oldest is dropped. */
const MAX_STACK = 4;

type FrameOption = { value: string; label: string; synonyms: string[] };

/**
 * Executes flow steps against a turn: asks for slots, requests actions,
 * follows branches and ends flows. It never decides what a message means;
 * the dialogue manager does that and calls in here.
 */
export class FlowRunner {
  constructor(private readonly registry: FlowRegistry) {}

  /** Starts a flow as the active one; `prefill` may supply slot values before the first question. */
  start(
    turn: DialogueTurn,
    flow: FlowDefinition,
    prefill: Record<string, unknown> = {},
    labels: Record<string, string> = {},
    handover: Record<string, string> = {},
  ): void {
    const state = turn.state;
    // Re-asking for a task that was put aside starts it afresh rather than stacking a duplicate.
    state.stack = state.stack.filter((e) => e.mode !== 'suspend' || e.frame.flowId !== flow.id);
    state.recent = null;
    if (state.flow) this.push(state, { mode: 'suspend', resumeAt: state.flow.stepId, frame: state.flow });
    state.flow = newFrame(flow, prefill, state.context);
    state.flow.labels = { ...labels };
    if (Object.keys(handover).length > 0) state.flow.handover = { ...handover };
    state.lastFlowIntent = flow.intent ?? state.lastFlowIntent;
    this.run(turn);
  }

  /** The active flow and the step it stands on. */
  current(state: DialogueState): { flow: FlowDefinition; step: FlowStep; frame: FlowFrame } | undefined {
    if (!state.flow) return undefined;
    const flow = this.registry.get(state.flow.flowId);
    return { flow, step: this.registry.step(flow, state.flow.stepId), frame: state.flow };
  }

  /** Intents of the active flow and of the flows that called it: repeating any of them is not a new task. */
  taskIntents(state: DialogueState): string[] {
    return this.callChain(state).flatMap((f) => {
      const intent = this.registry.get(f.flowId).intent;
      return intent === undefined ? [] : [intent];
    });
  }

  /** The title of the task the customer sees, for "我们继续刚才的退货申请": a sub-flow speaks for the flow that called it. */
  title(turn: DialogueTurn, frame: FlowFrame): string {
    const chain = frame === turn.state.flow ? this.callChain(turn.state) : [frame];
    return pickText(this.registry.get((chain.at(-1) ?? frame).flowId).title, turn.locale);
  }

  /** The active frame followed by the frames waiting for it as callers, innermost first. */
  private callChain(state: DialogueState): FlowFrame[] {
    const chain = state.flow ? [state.flow] : [];
    for (let i = state.stack.length - 1; i >= 0; i--) {
      const entry = state.stack[i];
      if (!entry || entry.mode !== 'call') break;
      chain.push(entry.frame);
    }
    return chain;
  }

  /** What placeholders and conditions can see: slots at the top level and under `slots`, `result`, `results`, `error`, `context`. */
  scope(state: DialogueState, frame: FlowFrame): Record<string, unknown> {
    return {
      ...frame.slots,
      slots: frame.slots,
      labels: frame.labels,
      result: frame.result,
      results: frame.results,
      error: frame.error,
      context: state.context,
    };
  }

  /** The choices a slot offers right now: its static options, or the list read from an earlier result. */
  optionsFor(turn: DialogueTurn, step: SlotStep, frame: FlowFrame): FrameOption[] | null {
    if (step.options) {
      return step.options.map((o) => ({ value: o.value, label: pickText(o.label, turn.locale), synonyms: [...o.synonyms, o.label.zh, o.label.en] }));
    }
    if (step.optionsFrom) {
      const from = step.optionsFrom;
      const list = lookupPath(this.scope(turn.state, frame), from.path);
      if (!Array.isArray(list)) return [];
      return list.flatMap((item) => {
        const value = lookupPath(item, from.value);
        const label = lookupPath(item, from.label);
        if ((typeof value !== 'string' && typeof value !== 'number') || typeof label !== 'string') return [];
        return [{ value: String(value), label, synonyms: [] }];
      });
    }
    return null;
  }

  /** Runs steps from the active frame's position until the flow waits for the customer or a connector, or ends. */
  run(turn: DialogueTurn): void {
    for (let guard = 0; guard < MAX_STEPS_PER_TURN; guard++) {
      const here = this.current(turn.state);
      if (!here || here.frame.waiting !== null) return;
      if (!this.execute(turn, here.flow, here.step, here.frame)) return;
    }
    throw new FlowLoopError(`flow "${turn.state.flow?.flowId ?? '?'}" ran ${MAX_STEPS_PER_TURN} steps without waiting`);
  }

  /** Stores a slot answer and moves on. */
  fillSlot(turn: DialogueTurn, value: string): void {
    const here = this.current(turn.state);
    if (!here || here.step.type !== 'slot') return;
    here.frame.slots[here.step.slot] = value;
    const option = here.frame.options?.find((o) => o.value === value);
    if (option) here.frame.labels[here.step.slot] = option.label;
    const type = here.step.entity ?? here.step.validator;
    if (type !== undefined && type !== 'free_text' && type !== 'slot_option') noteEntity(turn.state, type, value);
    turn.mark('slot_filled');
    this.go(turn, here.flow, this.registry.following(here.flow, here.step));
    this.run(turn);
  }

  /** Counts an unusable answer: asks again, or gives up after `maxAttempts`. */
  rejectAnswer(turn: DialogueTurn): void {
    const here = this.current(turn.state);
    if (!here || (here.step.type !== 'slot' && here.step.type !== 'confirm')) return;
    const { step, frame, flow } = here;
    frame.attempts += 1;
    if (frame.attempts >= step.maxAttempts) {
      if (step.type === 'slot' && step.onFail !== undefined) {
        this.go(turn, flow, step.onFail);
        this.run(turn);
        return;
      }
      turn.handOff({ reason: 'repeated_failure', priority: 'normal' }, turn.phrase('handoffRepeatedFailure'));
      return;
    }
    const prompt = frame.prompt ?? { text: '', quickReplies: [] };
    if (step.type === 'slot') {
      // An answer that fits none of the buttons is not "wrong": the customer is asked to pick the closest.
      const retry = step.retryPrompt
        ? interpolate(pickText(step.retryPrompt, turn.locale), this.scope(turn.state, frame))
        : frame.options?.length
          ? turn.phrase('optionUnclear', { prompt: prompt.text })
          : turn.phrase('invalidSlot', { label: pickText(step.label, turn.locale), prompt: prompt.text });
      turn.say(retry, prompt.quickReplies);
    } else {
      const [yes, no] = confirmButtons(turn, step);
      turn.say(`${turn.phrase('confirmRetry', { yes, no })}${prompt.text ? `\n${prompt.text}` : ''}`, prompt.quickReplies);
    }
    turn.mark('fallback');
  }

  /** Follows a confirmation answer. */
  answerConfirm(turn: DialogueTurn, yes: boolean): void {
    const here = this.current(turn.state);
    if (!here || here.step.type !== 'confirm') return;
    this.go(turn, here.flow, yes ? here.step.yes : here.step.no);
    this.run(turn);
  }

  /** Continues a flow with the outcome of the action it asked for. */
  acceptActionResult(turn: DialogueTurn, event: ActionResultEvent): void {
    const here = this.current(turn.state);
    if (!here || here.step.type !== 'action' || here.frame.action?.id !== event.actionId) {
      throw new UnexpectedActionResultError(`no action "${event.actionId}" is pending`);
    }
    const { flow, step, frame } = here;
    frame.waiting = null;
    frame.action = null;
    if (event.ok) {
      const data = event.data ?? null;
      frame.result = data;
      frame.error = null;
      frame.results[step.resultAs ?? step.id] = data;
      this.go(turn, flow, this.registry.following(flow, step));
      this.run(turn);
      return;
    }
    if (typeof event.error === 'object' && event.error.code === ACTION_NOT_CONFIGURED) {
      this.abandonUnconfigured(turn);
      return;
    }
    frame.error = actionError(event.error);
    if (step.onError !== undefined) {
      this.go(turn, flow, step.onError);
      this.run(turn);
      return;
    }
    this.abandonAction(turn);
  }

  /** Gives up on the action the flow waits for: apologise, offer a human, end the flow as failed. */
  abandonAction(turn: DialogueTurn): void {
    turn.say(turn.phrase('actionFailed'), [turn.phrase('humanButton')]);
    turn.state.pending = { kind: 'choice', purpose: 'offer_human', options: [{ label: turn.phrase('humanButton'), kind: 'human', id: 'human' }], entities: [] };
    this.finish(turn, 'failed');
  }

  /**
   * Gives up on a task no enterprise system is connected for: its own failure branches would say "busy" or "not
   * found", both untrue. Says so plainly, naming the task (the outermost flow, not an identity check it called), and
   * offers a human or a ticket; the task and the flows it called end as failed.
   */
  private abandonUnconfigured(turn: DialogueTurn): void {
    turn.say(turn.phrase('taskNotConfigured', { flow: this.title(turn, turn.state.flow!) }), [turn.phrase('humanButton'), turn.phrase('ticketButton')]);
    turn.state.pending = { kind: 'choice', purpose: 'offer_human', options: [{ label: turn.phrase('humanButton'), kind: 'human', id: 'human' }], entities: [] };
    this.finish(turn, 'failed');
  }

  /**
   * Ends the active flow on the customer's request (a calling flow is cancelled with it). `cancelledForOther` when
   * another task starts right after, so the reply does not ask "anything else?" before it.
   */
  cancel(turn: DialogueTurn, phrase: 'cancelled' | 'cancelledForOther' = 'cancelled'): void {
    const frame = turn.state.flow;
    if (!frame) return;
    turn.say(turn.phrase(phrase, { flow: this.title(turn, frame) }));
    this.finish(turn, 'cancelled');
  }

  /** Overwrites an earlier slot and replays the flow from that slot, so later checks and confirmations see the new value. */
  correct(turn: DialogueTurn, step: SlotStep, value: string): void {
    const here = this.current(turn.state);
    if (!here) return;
    const { flow, frame } = here;
    frame.slots[step.slot] = value;
    const option = this.optionsFor(turn, step, frame)?.find((o) => o.value === value);
    if (option) frame.labels[step.slot] = option.label;
    const type = step.entity ?? step.validator;
    if (type !== undefined && type !== 'free_text' && type !== 'slot_option') noteEntity(turn.state, type, value);
    // Choices read from results after this slot were made for the old value, so they must be asked again.
    const from = flow.steps.findIndex((s) => s.id === step.id);
    for (const later of flow.steps.slice(from + 1)) {
      if (later.type === 'slot' && later.optionsFrom) delete frame.slots[later.slot];
    }
    turn.say(turn.phrase('corrected', { label: pickText(step.label, turn.locale), value: option?.label ?? value }));
    turn.mark('slot_filled');
    frame.stepId = step.id;
    frame.waiting = null;
    frame.action = null;
    frame.attempts = 0;
    this.run(turn);
  }

  /**
   * Makes the flow that ended within the last `withinTurns` turns active again, as it stood when it ended, so that a
   * late correction can replay it (`correct`). Returns false when there is none or another flow is active.
   */
  reopen(state: DialogueState, withinTurns: number): boolean {
    const recent = state.recent;
    if (state.flow || !recent || state.turn - recent.turn > withinTurns || !this.registry.hasStep(recent.frame.flowId, recent.frame.stepId)) return false;
    state.flow = structuredClone(recent.frame);
    state.recent = null;
    return true;
  }

  /** Repeats the active flow's pending question after a detour ("我们继续刚才的退货：…"); after an FAQ answer the turn still counts as answered. */
  resume(turn: DialogueTurn, key: 'resumeFlow' | 'continueFlow', outcome: 'resumed' | 'answered' | 'fallback' = 'resumed'): void {
    const frame = turn.state.flow;
    if (!frame?.prompt) return;
    turn.say(turn.phrase(key, { flow: this.title(turn, frame), prompt: frame.prompt.text }), frame.prompt.quickReplies);
    turn.mark(outcome);
  }

  /** Executes one step; returns false when the flow now waits. */
  private execute(turn: DialogueTurn, flow: FlowDefinition, step: FlowStep, frame: FlowFrame): boolean {
    const state = turn.state;
    turn.position = { flowId: flow.id, step: step.id };
    const scope = this.scope(state, frame);
    const text = (t: { zh: string; en: string }): string => interpolate(pickText(t, turn.locale), scope);
    switch (step.type) {
      case 'slot': {
        if (isFilled(frame.slots[step.slot])) return this.go(turn, flow, this.registry.following(flow, step));
        const options = this.optionsFor(turn, step, frame);
        frame.options = options;
        const buttons = options ? options.map((o) => o.label) : step.quickReplies.map((q) => pickText(q, turn.locale));
        this.ask(turn, frame, 'slot', text(step.prompt), buttons);
        return false;
      }
      case 'confirm':
        this.ask(turn, frame, 'confirm', text(step.prompt), confirmButtons(turn, step));
        return false;
      case 'action': {
        const args = resolveArgument(step.args, scope) as Record<string, unknown>;
        const action = { id: `a${state.turn}.${flow.id}.${step.id}`, name: step.action, args };
        frame.waiting = 'action';
        frame.action = action;
        turn.action = action;
        turn.mark('action');
        return false;
      }
      case 'branch': {
        const branch = step.branches.find((b) => evaluateAll(b.when, scope));
        return this.go(turn, flow, branch ? branch.next : step.default);
      }
      case 'message':
        turn.say(text(step.text), step.quickReplies.map((q) => pickText(q, turn.locale)));
        return this.go(turn, flow, this.registry.following(flow, step));
      case 'set':
        for (const [slot, value] of Object.entries(step.values)) frame.slots[slot] = resolveArgument(value, scope);
        return this.go(turn, flow, this.registry.following(flow, step));
      case 'subflow': {
        this.push(state, { mode: 'call', resumeAt: this.registry.following(flow, step), frame });
        const sub = this.registry.get(step.flow);
        // The sub-flow takes what the opening message said for its slots, once.
        const given = Object.fromEntries(Object.entries(frame.handover ?? {}).filter(([slot]) => sub.steps.some((s) => s.type === 'slot' && s.slot === slot)));
        for (const slot of Object.keys(given)) delete frame.handover?.[slot];
        state.flow = newFrame(sub, given, state.context);
        return true;
      }
      case 'handoff':
        turn.handOff({ reason: step.reason, priority: step.priority }, step.text ? text(step.text) : handoffText(turn, step.reason));
        return false;
      case 'end':
        if (step.text) turn.say(text(step.text), step.quickReplies.map((q) => pickText(q, turn.locale)));
        this.finish(turn, step.outcome);
        return true;
    }
  }

  /** Moves to a step, or finishes the flow when there is none; returns true so the run loop continues. */
  private go(turn: DialogueTurn, flow: FlowDefinition, target: string | null): boolean {
    const frame = turn.state.flow;
    if (!frame || frame.flowId !== flow.id) return true;
    frame.waiting = null;
    frame.attempts = 0;
    frame.options = null;
    frame.prompt = null;
    frame.guess = null;
    if (target === null) {
      this.finish(turn, 'completed');
      return true;
    }
    frame.stepId = target;
    return true;
  }

  private ask(turn: DialogueTurn, frame: FlowFrame, waiting: 'slot' | 'confirm', text: string, buttons: string[]): void {
    frame.waiting = waiting;
    frame.prompt = { text, quickReplies: buttons };
    turn.say(text, buttons);
  }

  /** Ends the active flow and returns to whatever was put aside for it. */
  private finish(turn: DialogueTurn, outcome: 'completed' | 'cancelled' | 'failed'): void {
    const state = turn.state;
    const frame = state.flow;
    if (!frame) return;
    const flow = this.registry.get(frame.flowId);
    if (outcome === 'completed') {
      for (const slot of flow.remember) if (isFilled(frame.slots[slot])) state.context[slot] = frame.slots[slot];
    }
    const parent = state.stack.pop();
    state.flow = parent ? parent.frame : null;
    if (parent?.mode === 'call') {
      if (outcome !== 'completed') {
        this.finish(turn, outcome);
        return;
      }
      if (parent.resumeAt === null) {
        this.finish(turn, 'completed');
        return;
      }
      parent.frame.stepId = parent.resumeAt;
      parent.frame.waiting = null;
      return;
    }
    // A correction may still come for the flow that just ended ("刚才单号输错了" after "这个订单不能退").
    state.recent = outcome === 'cancelled' ? null : { frame: structuredClone(frame), turn: state.turn };
    turn.mark(outcome === 'failed' ? 'fallback' : outcome);
    if (parent?.mode === 'suspend') this.resume(turn, 'resumeFlow');
  }

  private push(state: DialogueState, entry: DialogueState['stack'][number]): void {
    state.stack.push(entry);
    if (state.stack.length > MAX_STACK) state.stack.shift();
  }
}

/** A fresh frame; `carryOver` slots take remembered values only here, so a value the flow later clears is asked for again. */
function newFrame(flow: FlowDefinition, prefill: Record<string, unknown>, context: Record<string, unknown>): FlowFrame {
  const carried = flow.steps.flatMap((s) => (s.type === 'slot' && s.carryOver && isFilled(context[s.slot]) ? [[s.slot, context[s.slot]] as const] : []));
  return {
    flowId: flow.id,
    stepId: flow.steps[0]?.id ?? '',
    slots: { ...Object.fromEntries(carried), ...prefill },
    labels: {},
    result: null,
    results: {},
    error: null,
    waiting: null,
    attempts: 0,
    action: null,
    options: null,
    prompt: null,
  };
}

function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function confirmButtons(turn: DialogueTurn, step: ConfirmStep): [string, string] {
  return step.buttons === 'yes_no' ? [turn.phrase('yes'), turn.phrase('no')] : [turn.phrase('confirm'), turn.phrase('cancel')];
}

function handoffText(turn: DialogueTurn, reason: 'high_risk' | 'user_request' | 'repeated_failure' | 'anger'): string {
  const key = ({ high_risk: 'handoffHighRisk', user_request: 'handoffUserRequest', repeated_failure: 'handoffRepeatedFailure', anger: 'handoffAnger' } as const)[reason];
  return turn.phrase(key);
}

/** The refusal as flows see it under `error`; a wait is kept in whole seconds (rounded up) and whole minutes. */
function actionError(error: ActionResultEvent['error']): NonNullable<FlowFrame['error']> {
  if (typeof error !== 'object') return { code: 'action_failed', message: error ?? '' };
  const refusal = { code: error.code, message: error.message ?? '' };
  if (error.retryAfterSeconds === undefined) return refusal;
  const retryAfterSeconds = Math.ceil(error.retryAfterSeconds);
  return { ...refusal, retryAfterSeconds, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) };
}
