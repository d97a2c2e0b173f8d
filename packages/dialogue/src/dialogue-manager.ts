import { InvalidDialogueEventError } from './dialogue-error.js';
import { dialogueEventSchema, type ActionResultEvent, type DialogueEvent, type UserEvent } from './dialogue-event.js';
import type { DialogueManagerOptions } from './dialogue-manager-options.js';
import { defaultDialogueMessages, type DialogueMessages } from './dialogue-messages.js';
import type { DialogueOutput } from './dialogue-output.js';
import { DialogueServices } from './dialogue-services.js';
import { dialogueStateSchema, initialDialogueState, type ChoiceOption, type DialogueState } from './dialogue-state.js';
import { DialogueTurn } from './dialogue-turn.js';
import { IntentLabels } from './intent-labels.js';
import type { Locale } from './localized-text.js';
import type { NluParse } from './nlu-parse.js';
import { openUserTurn } from './policies/turn-context.js';
import { turnPolicies } from './policies/turn-policies.js';

export type { DialogueManagerOptions } from './dialogue-manager-options.js';

/**
 * Decides the bot's next move for each event of a conversation. Pure: the
 * state comes in and goes out as JSON, actions are requested, never performed.
 * A customer message is decided by the first of the `turnPolicies` that acts on it.
 * @example
 * const dm = new DialogueManager({ flows, intentLabels, clarifyGroups, locale: 'zh-CN' });
 * let out = dm.handle(undefined, { type: 'start' });
 * out = dm.handle(out.state, { type: 'user', text: '我要退货', nlu, now: new Date().toISOString() });
 */
export class DialogueManager {
  private readonly services: DialogueServices;
  private readonly labels: Record<Locale, IntentLabels>;
  private readonly messages: Record<Locale, DialogueMessages>;

  constructor(private readonly options: DialogueManagerOptions) {
    this.services = new DialogueServices(options);
    this.labels = { 'zh-CN': new IntentLabels(options.intentLabels, 'zh-CN'), en: new IntentLabels(options.intentLabels, 'en') };
    // Phrase overrides are written in the tenant's language; a visitor in the other language gets the built-in phrases.
    this.messages = { ...defaultDialogueMessages, [options.locale]: { ...defaultDialogueMessages[options.locale], ...options.messages } };
  }

  /**
   * Handles one event and returns the new state, the replies, and possibly an
   * action for the server to run or a handoff. The given state is not modified.
   * A stored state that no longer validates (e.g. after an upgrade) starts a fresh conversation state;
   * an invalid event throws `InvalidDialogueEventError`.
   */
  handle(state: DialogueState | undefined, input: DialogueEvent): DialogueOutput {
    const checked = dialogueEventSchema.safeParse(input);
    if (!checked.success) throw new InvalidDialogueEventError(`invalid dialogue event: ${checked.error.message}`);
    const event = checked.data;
    const parsed = dialogueStateSchema.safeParse(state ?? initialDialogueState());
    const working = structuredClone(parsed.success ? parsed.data : initialDialogueState());
    working.turn += 1;
    this.dropStaleFlows(working);
    const before = working.flow ? { flowId: working.flow.flowId, step: working.flow.stepId } : null;
    const now = event.type === 'user' ? event.now : new Date(0).toISOString();
    if (event.type !== 'action_result' && event.locale) working.locale = event.locale;
    const locale = working.locale ?? this.options.locale;
    const turn = new DialogueTurn(working, locale, this.messages[locale], this.labels[locale], { now, utcOffsetMinutes: this.options.utcOffsetMinutes ?? 480 });

    if (event.type === 'start') this.onStart(turn);
    else if (event.type === 'action_result') this.onActionResult(turn, event);
    else this.onUser(turn, event);

    if (turn.outcome() !== 'fallback') working.failures = 0;
    if (event.type === 'user' && !turn.handoff) this.addEmpathy(turn, event.nlu);
    const after = working.flow ? { flowId: working.flow.flowId, step: working.flow.stepId } : null;
    const where = turn.position ?? after ?? before;
    return {
      state: working,
      replies: turn.replies,
      ...(turn.action ? { action: turn.action } : {}),
      ...(turn.handoff ? { handoff: turn.handoff } : {}),
      record: {
        intent: turn.intent?.name ?? (event.type === 'user' ? (event.nlu.intent?.name ?? null) : null),
        confidence: turn.intent?.confidence ?? (event.type === 'user' ? (event.nlu.intent?.confidence ?? null) : null),
        emotion: event.type === 'user' ? event.nlu.emotion.label : null,
        flowId: where?.flowId ?? null,
        step: where?.step ?? null,
        outcome: turn.outcome(),
        faqId: turn.faqId,
        ...(turn.passageId ? { passageId: turn.passageId } : {}),
      },
    };
  }

  /** A conversation parked in a flow step that an edit has since removed starts over outside flows, rather than failing on every message. */
  private dropStaleFlows(state: DialogueState): void {
    const frames = [state.flow, ...state.stack.map((e) => e.frame)].filter((f) => f !== null);
    if (frames.every((f) => this.services.registry.hasStep(f.flowId, f.stepId))) return;
    state.flow = null;
    state.stack = [];
    state.pending = null;
  }

  private onStart(turn: DialogueTurn): void {
    const options = this.services.menu.map((id): ChoiceOption => ({ label: turn.labels.label(id), kind: 'intent', id }));
    turn.say(turn.phrase('welcome'), options.map((o) => o.label));
    if (options.length > 0) turn.state.pending = { kind: 'choice', purpose: 'menu', options, entities: [] };
    turn.mark('answered');
  }

  private onActionResult(turn: DialogueTurn, event: ActionResultEvent): void {
    // Analytics attribute a sub-flow's steps (identity checks) to the task that called it.
    const intent = this.services.runner.taskIntents(turn.state).at(-1);
    turn.intent = intent ? { name: intent, confidence: 1 } : null;
    this.services.runner.acceptActionResult(turn, event);
  }

  /** The first policy that acts decides the turn; see `turnPolicies` for the order and why. */
  private onUser(turn: DialogueTurn, event: UserEvent): void {
    const ctx = openUserTurn(turn, event, this.services);
    for (const policy of turnPolicies) if (policy.try(turn, ctx)) return;
  }

  /** Empathy changes the tone, never the answer: a prefix on the first reply. */
  private addEmpathy(turn: DialogueTurn, nlu: NluParse): void {
    const first = turn.replies[0];
    if (!first || nlu.emotion.score < this.services.thresholds.empathy) return;
    if (nlu.emotion.label === 'anger') first.text = turn.phrase('empathyAnger') + first.text;
    else if (nlu.emotion.label === 'anxiety') first.text = turn.phrase('empathyAnxiety') + first.text;
  }
}
