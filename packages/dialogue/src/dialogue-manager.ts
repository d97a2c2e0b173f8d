import { findMentionedChoice, matchChoice } from './choice-matcher.js';
import { Clarifier } from './clarifier.js';
import { clarifyGroupSchema, type ClarifyGroupInput } from './clarify-group.js';
import { InvalidDialogueEventError } from './dialogue-error.js';
import { dialogueEventSchema, type ActionResultEvent, type DialogueEvent, type UserEvent } from './dialogue-event.js';
import { defaultDialogueMessages, type DialogueMessages } from './dialogue-messages.js';
import type { DialogueOutput } from './dialogue-output.js';
import { dialogueStateSchema, initialDialogueState, type ChoiceOption, type DialogueState, type Pending } from './dialogue-state.js';
import { defaultDialogueThresholds, type DialogueThresholds } from './dialogue-thresholds.js';
import { DialogueTurn } from './dialogue-turn.js';
import { noteEntity, recallEntity, rememberEntities } from './entity-memory.js';
import type { FlowDefinition, FlowDefinitionInput, SlotStep } from './flow-definition.js';
import { FlowRegistry } from './flow-registry.js';
import { FlowRunner } from './flow-runner.js';
import { FallbackLadder } from './fallback-ladder.js';
import { collectFaqCandidates, type FaqCandidate, type FaqLookup } from './faq-candidates.js';
import { COMPLAINT_INTENT, HUMAN_INTENT, IntentLabels, isSmallTalk, type IntentLabelsInput } from './intent-labels.js';
import { halfWidth } from './half-width.js';
import { pickText, type Locale } from './localized-text.js';
import { namedValidators } from './named-validators.js';
import type { NluParse } from './nlu-parse.js';
import { toPlainText } from './plain-text.js';
import { namesTask, SideQuestions } from './side-question.js';
import { fillStrictSlot, isStrictSlot } from './slot-filler.js';
import { readUtteranceCues, type UtteranceCues } from './utterance-cues.js';

/** Configuration of one tenant's bot; everything is data, nothing is fetched. */
export type DialogueManagerOptions = {
  flows: readonly FlowDefinitionInput[];
  /** Button labels per intent id, as a map or as the templates' `[{ id, label }]` list. */
  intentLabels: IntentLabelsInput;
  clarifyGroups: readonly ClarifyGroupInput[];
  /** Overrides of single phrases of the built-in catalogue, in `locale`. */
  messages?: Partial<DialogueMessages>;
  locale: Locale;
  /** Consecutive not-understood turns before the bot hands off (default 2: rephrase, offer a human, then hand off). */
  maxFailures?: number;
  /** FAQ answers by id, when the event does not carry `faqAnswers`. Must be synchronous and pure. */
  faqLookup?: FaqLookup;
  /** Intents offered as buttons on the welcome message (default: the first four flow intents with labels). */
  menu?: readonly string[];
  thresholds?: Partial<DialogueThresholds>;
  /** The tenant's offset from UTC for "今天"/"明天" (default +480, China). */
  utcOffsetMinutes?: number;
};

/** How often an action whose result never came is requested again before the flow gives up. */
const MAX_ACTION_REISSUES = 2;

// Words that can surround a bare answer ("订单号是…", "就这个吧"); anything else around the value is a request of its own.
const ANSWER_FILLER = /订单号|订单|单号|号码|手机号|手机|身份证号|卡号|尾号|验证码|日期|编号|账号|我的|就是|应该是|是|这个|那个|的|吧|啊|呀|哦|嗯|了|好|my|order|number|is|it|the/g;

function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The message is essentially the value itself. */
function isBareAnswer(text: string, value: string): boolean {
  const plain = toPlainText(text);
  // "上个月的" is read as "2026-10": a message this short has no room for another request.
  return plain.length <= 5 || plain.replace(toPlainText(value), '').replace(ANSWER_FILLER, '').length <= 1;
}



/**
 * Decides the bot's next move for each event of a conversation. Pure: the
 * state comes in and goes out as JSON, actions are requested, never performed.
 * @example
 * const dm = new DialogueManager({ flows, intentLabels, clarifyGroups, locale: 'zh-CN' });
 * let out = dm.handle(undefined, { type: 'start' });
 * out = dm.handle(out.state, { type: 'user', text: '我要退货', nlu, now: new Date().toISOString() });
 */
export class DialogueManager {
  private readonly registry: FlowRegistry;
  private readonly runner: FlowRunner;
  private readonly labels: Record<Locale, IntentLabels>;
  private readonly clarifier: Clarifier;
  private readonly ladder: FallbackLadder;
  private readonly messages: Record<Locale, DialogueMessages>;
  private readonly thresholds: DialogueThresholds;
  private readonly menu: string[];
  private readonly sideQuestions: SideQuestions;

  constructor(private readonly options: DialogueManagerOptions) {
    this.registry = new FlowRegistry(options.flows);
    this.runner = new FlowRunner(this.registry);
    this.labels = { 'zh-CN': new IntentLabels(options.intentLabels, 'zh-CN'), en: new IntentLabels(options.intentLabels, 'en') };
    // Phrase overrides are written in the tenant's language; a visitor in the other language gets the built-in phrases.
    this.messages = { ...defaultDialogueMessages, [options.locale]: { ...defaultDialogueMessages[options.locale], ...options.messages } };
    this.thresholds = { ...defaultDialogueThresholds, ...options.thresholds };
    this.clarifier = new Clarifier(options.clarifyGroups.map((g) => clarifyGroupSchema.parse(g)), this.thresholds);
    this.ladder = new FallbackLadder(Math.max(1, options.maxFailures ?? 2));
    this.sideQuestions = new SideQuestions(this.thresholds, options.faqLookup);
    const labels = this.labels[options.locale];
    this.menu = (options.menu ?? this.registry.intents()).filter((i) => labels.has(i)).slice(0, options.menu ? undefined : 4);
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
      },
    };
  }

  /** A conversation parked in a flow step that an edit has since removed starts over outside flows, rather than failing on every message. */
  private dropStaleFlows(state: DialogueState): void {
    const frames = [state.flow, ...state.stack.map((e) => e.frame)].filter((f) => f !== null);
    if (frames.every((f) => this.registry.hasStep(f.flowId, f.stepId))) return;
    state.flow = null;
    state.stack = [];
    state.pending = null;
  }

  private onStart(turn: DialogueTurn): void {
    const options = this.menu.map((id): ChoiceOption => ({ label: turn.labels.label(id), kind: 'intent', id }));
    turn.say(turn.phrase('welcome'), options.map((o) => o.label));
    if (options.length > 0) turn.state.pending = { kind: 'choice', purpose: 'menu', options, entities: [] };
    turn.mark('answered');
  }

  private onActionResult(turn: DialogueTurn, event: ActionResultEvent): void {
    // Analytics attribute a sub-flow's steps (identity checks) to the task that called it.
    const intent = this.runner.taskIntents(turn.state).at(-1);
    turn.intent = intent ? { name: intent, confidence: 1 } : null;
    this.runner.acceptActionResult(turn, event);
  }

  private onUser(turn: DialogueTurn, event: UserEvent): void {
    const { state } = turn;
    const nlu = event.nlu;
    const cues = readUtteranceCues(event.text);
    state.entities = rememberEntities(state.entities, nlu.entities, state.turn);
    const faqs = collectFaqCandidates(event, this.options.faqLookup);

    if (nlu.risk.level === 'high') {
      // Self-harm or despair is no complaint: it gets care and the crisis hotlines, and a person first.
      const crisis = nlu.risk.reasons.includes('self_harm');
      turn.handOff({ reason: 'high_risk', priority: 'urgent' }, turn.phrase(crisis ? 'handoffCrisis' : 'handoffHighRisk'));
      return;
    }
    const task = nlu.outOfScope ? null : nlu.intent;
    const complaining = !task || task.confidence < this.thresholds.intent || task.name === COMPLAINT_INTENT;
    const angerBar = complaining ? this.thresholds.angryComplaint : this.thresholds.strongAnger;
    if (nlu.emotion.label === 'anger' && nlu.emotion.score >= angerBar) {
      turn.handOff({ reason: 'anger', priority: 'high' }, turn.phrase('handoffAnger'));
      return;
    }
    const humanByClassifier = nlu.intent?.name === HUMAN_INTENT && nlu.intent.confidence >= this.thresholds.intent;
    // "个人" at the invoice-title buttons, "确认" at a confirmation or "找售后" is an answer or a vague request,
    // whatever the classifier makes of it.
    if (cues.human || (humanByClassifier && !this.answersOrIsVague(turn, event.text, cues))) {
      this.handOffOnRequest(turn, nlu);
      return;
    }

    const pending = state.pending;
    state.pending = null;
    if (pending?.kind === 'cancel_confirm' && state.flow) {
      if (cues.confirmation === 'no') {
        this.runner.resume(turn, 'continueFlow');
        return;
      }
      if (cues.confirmation === 'yes' || cues.cancel) {
        this.runner.cancel(turn);
        return;
      }
    }
    if (pending?.kind === 'choice' && this.onChoice(turn, pending, event, cues, faqs)) return;

    if (state.flow) this.onFlowMessage(turn, event, cues, faqs);
    else this.onOpenMessage(turn, event, cues, faqs, pending);
  }

  /** The message picks one of the buttons on show, answers the confirmation asked, or contains a phrase that calls for a clarifying question. */
  private answersOrIsVague(turn: DialogueTurn, text: string, cues: UtteranceCues): boolean {
    if (turn.state.flow?.waiting === 'confirm' && cues.confirmation !== null) return true;
    const pending = turn.state.pending;
    if (pending?.kind === 'choice' && matchChoice(text, pending.options) !== undefined) return true;
    const options = turn.state.flow?.waiting === 'slot' ? turn.state.flow.options : null;
    if (options && matchChoice(text, options) !== undefined) return true;
    return this.clarifier.mentionsVaguePhrase(text);
  }

  /** The message gives a value for one of the offered task's typed slots (an account, order number, date…) and asks for nothing else. */
  private suppliesDetail(turn: DialogueTurn, offered: ChoiceOption | undefined, event: UserEvent): boolean {
    const flow = offered?.kind === 'intent' ? this.registry.forIntent(offered.id) : undefined;
    if (!flow) return false;
    const other = event.nlu.outOfScope ? null : event.nlu.intent;
    if (other && other.name !== offered?.id && other.confidence >= this.thresholds.intent) return false;
    return flow.steps.some((step) => {
      if (step.type !== 'slot' || step.options !== undefined || step.optionsFrom !== undefined) return false;
      if (step.openingPattern !== undefined && matchOpeningPattern(step.openingPattern, event.text) !== undefined) return true;
      return isStrictSlot(step) && fillStrictSlot(step, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: null }).ok;
    });
  }

  /** A reply to buttons the bot offered (clarification, suggestions, menu, offer of a human, a task after its how-to). */
  private onChoice(turn: DialogueTurn, pending: Extract<Pending, { kind: 'choice' }>, event: UserEvent, cues: UtteranceCues, faqs: FaqCandidate[]): boolean {
    const index = matchChoice(event.text, pending.options);
    let option = index === undefined ? undefined : pending.options[index];
    const nlu = event.nlu;
    if (!option && pending.purpose === 'offer_human' && cues.confirmation === 'yes') option = { label: '', kind: 'human', id: 'human' };
    if (!option && pending.purpose === 'offer_human' && cues.confirmation === 'no') {
      turn.say(turn.phrase('greeting'), this.menu.map((id) => turn.labels.label(id)));
      turn.mark('answered');
      return true;
    }
    // After "怎么报修" was answered, "KD0571001234" is the detail the offered task needs, not a new topic.
    if (!option && pending.purpose === 'offer_flow' && this.suppliesDetail(turn, pending.options[0], event)) option = pending.options[0];
    if (!option && pending.purpose === 'clarify' && nlu.intent && nlu.intent.confidence >= 0.5) {
      option = pending.options.find((o) => o.kind === 'intent' && o.id === nlu.intent?.name);
    }
    if (!option) return false;
    // "帮我查下办件进度SQ…，办好了去哪领证" names a menu entry but says more: it is read as a message, side question included.
    if (pending.purpose === 'menu' && (event.clauses?.length ?? 0) >= 2) return false;
    if (option.kind === 'human') {
      this.handOffOnRequest(turn, nlu);
      return true;
    }
    if (option.kind === 'faq') {
      const entry = this.options.faqLookup?.(option.id);
      const faq = faqs.find((f) => f.id === option.id) ?? (entry ? { id: option.id, ...entry, confidence: 1 } : undefined);
      if (!faq) return false;
      this.answerFaq(turn, faq);
      return true;
    }
    this.routeIntent(turn, option.id, 1, [...pending.entities, ...nlu.entities], event, cues);
    return true;
  }

  /** A message while a flow waits for an answer. */
  private onFlowMessage(turn: DialogueTurn, event: UserEvent, cues: UtteranceCues, faqs: FaqCandidate[]): void {
    const here = this.runner.current(turn.state);
    if (!here) return;
    const { flow, step, frame } = here;
    if (frame.waiting === 'action' && frame.action && !cues.cancel) {
      // The server answers actions within the turn, so a message arriving first means a result was lost:
      // ask for the action again, and give up rather than loop when it keeps getting lost.
      frame.attempts += 1;
      if (frame.attempts > MAX_ACTION_REISSUES) {
        this.runner.abandonAction(turn);
        return;
      }
      turn.say(turn.phrase('actionPending'));
      turn.action = frame.action;
      turn.mark('action');
      return;
    }
    if (cues.correction && this.correct(turn, flow, cues.correction.valueText, event)) return;
    // At a confirmation "取消"/"不对" is the answer "no", not a request to abandon the task.
    if (frame.waiting === 'confirm' && cues.confirmation !== null) {
      this.runner.answerConfirm(turn, cues.confirmation === 'yes');
      return;
    }
    if (cues.cancel) {
      turn.state.pending = { kind: 'cancel_confirm' };
      turn.say(turn.phrase('cancelConfirm', { flow: this.runner.title(turn, frame) }), [turn.phrase('yes'), turn.phrase('no')]);
      // A yes/no about leaving the task, not a clarification of what the customer wants: analytics must not count it as one.
      turn.mark('answered');
      return;
    }
    // "拆封了还能退吗" while a return waits for its reason: answer the policy question, then ask again.
    const detour = cues.generalQuestion ? faqs.find((f) => f.confidence >= this.thresholds.faq) : undefined;
    if (frame.waiting === 'slot' && step.type === 'slot' && isStrictSlot(step)) {
      const fill = fillStrictSlot(step, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: frame.options });
      // A reply that picks one of the offered buttons is an answer, whatever the classifier makes of "身份证办理";
      // but "E202611200007到哪了" while a return asks for its order is another task about that order,
      // and "你们周末上班吗" while a date is asked is a question, not the date.
      // "哦打错了，是2026…" after a rejected number is the corrected answer, whatever the classifier hears in "打错了".
      const bare = fill.ok && (isBareAnswer(event.text, fill.value) || cues.correction !== null);
      if (fill.ok && (bare || (!detour && (frame.options !== null || !this.isTopicSwitch(turn, event.nlu))))) {
        const beside = this.sideQuestions.besideAnswer(event, fill.value);
        if (beside) this.answerFaq(turn, beside);
        this.runner.fillSlot(turn, fill.value);
        return;
      }
      const type = step.entity ?? step.validator;
      if (cues.reference && type !== undefined) {
        const recalled = recallEntity(turn.state.entities, type, cues.reference, turn.state.lastUsed[type]);
        if (recalled !== undefined) {
          this.runner.fillSlot(turn, recalled);
          return;
        }
      }
      // "我忘了，好像是12345" while a reference is asked: a mistyped answer, not the complaint the classifier hears
      // (12345 is also a hotline) — unless the other task can use the number.
      if (!fill.ok && frame.options === null && /\d{4,}/.test(halfWidth(event.text)) && !detour && !this.otherTaskUsesNumber(turn, event)) {
        this.runner.rejectAnswer(turn);
        return;
      }
    }
    if (detour) {
      this.answerFaq(turn, detour);
      this.runner.resume(turn, 'resumeFlow', 'answered');
      return;
    }
    if (frame.waiting === 'slot' && step.type === 'slot' && !isStrictSlot(step) && this.fillFreeText(turn, flow, event, cues)) return;
    if (this.switchTopic(turn, flow, event, cues, faqs)) return;
    // "今天天气怎么样" while an order number is asked is no wrong order number: a question we cannot answer.
    // Say so and ask again, without counting it against the answer's attempts.
    if (frame.waiting === 'slot' && event.nlu.outOfScope && cues.generalQuestion && !/\d/.test(halfWidth(event.text))) {
      turn.say(turn.phrase('offTopic'));
      this.runner.resume(turn, 'resumeFlow', 'fallback');
      return;
    }
    this.runner.rejectAnswer(turn);
  }

  /**
   * A free-text answer (a complaint, an address, a company name) is taken as it is, even when the classifier reads
   * the same task into it ("客服把我电话挂了" is a complaint); only another task, small talk, a bare yes/no or
   * a repeat of an earlier choice ("单位" when the company's name is asked) is not an answer. Returns false to let detours run.
   */
  private fillFreeText(turn: DialogueTurn, flow: FlowDefinition, event: UserEvent, cues: UtteranceCues): boolean {
    const text = event.text.trim();
    const intent = event.nlu.outOfScope ? null : event.nlu.intent;
    if (text === '' || this.isTopicSwitch(turn, event.nlu)) return false;
    if (intent && isSmallTalk(intent.name) && intent.confidence >= this.thresholds.topicSwitch) return false;
    if (cues.confirmation !== null || this.repeatsEarlierChoice(turn, flow, text)) {
      this.runner.resume(turn, 'continueFlow');
      return true;
    }
    // "哦，宽带账号是KD0571001234" answers with the account, not with the whole sentence as an address.
    const step = this.runner.current(turn.state)?.step;
    const shaped = step?.type === 'slot' && step.openingPattern !== undefined ? matchOpeningPattern(step.openingPattern, text) : undefined;
    this.runner.fillSlot(turn, shaped ?? text);
    return true;
  }

  /** The message is exactly an option already chosen earlier in this flow. */
  private repeatsEarlierChoice(turn: DialogueTurn, flow: FlowDefinition, text: string): boolean {
    const frame = turn.state.flow;
    if (!frame) return false;
    return flow.steps.some((s) => {
      if (s.type !== 'slot' || !s.options || !isFilled(frame.slots[s.slot])) return false;
      const options = s.options.map((o) => ({ label: pickText(o.label, turn.locale), synonyms: [...o.synonyms, o.label.zh, o.label.en] }));
      const index = matchChoice(text, options);
      return index !== undefined && s.options[index]?.value === frame.slots[s.slot] && isBareAnswer(text, options[index]?.label ?? '');
    });
  }

  /** "不对，订单号是…" / "改成…": overwrite the slot the new value fits, preferring one the message names. */
  private correct(turn: DialogueTurn, flow: FlowDefinition, valueText: string, event: UserEvent): boolean {
    const frame = turn.state.flow;
    if (!frame) return false;
    const slots = flow.steps.filter((s): s is SlotStep => s.type === 'slot' && isStrictSlot(s) && frame.slots[s.slot] !== undefined && frame.slots[s.slot] !== null);
    const named = slots.filter((s) => valueText.includes(s.label.zh) || valueText.toLowerCase().includes(s.label.en.toLowerCase()));
    for (const step of [...named, ...slots.filter((s) => !named.includes(s))]) {
      const fill = fillStrictSlot(step, {
        text: valueText,
        entities: event.nlu.entities,
        clock: turn.clock,
        options: this.runner.optionsFor(turn, step, frame),
      });
      if (fill.ok && fill.value !== frame.slots[step.slot]) {
        this.runner.correct(turn, step, fill.value);
        return true;
      }
    }
    return false;
  }

  /** The message switches to another task and that task has a typed slot its number fills ("E2026…到哪了"). */
  private otherTaskUsesNumber(turn: DialogueTurn, event: UserEvent): boolean {
    if (!this.isTopicSwitch(turn, event.nlu) || !event.nlu.intent) return false;
    const other = this.registry.forIntent(event.nlu.intent.name);
    if (!other) return false;
    return other.steps.some(
      (s) =>
        s.type === 'slot' &&
        isStrictSlot(s) &&
        !s.options &&
        !s.optionsFrom &&
        fillStrictSlot(s, { text: event.text, entities: event.nlu.entities, clock: turn.clock, options: null }).ok,
    );
  }

  /** True when the message confidently asks for a different task that has a flow. */
  private isTopicSwitch(turn: DialogueTurn, nlu: NluParse): boolean {
    const intent = nlu.outOfScope ? null : nlu.intent;
    return (
      intent !== null &&
      intent.confidence >= this.thresholds.topicSwitch &&
      !this.runner.taskIntents(turn.state).includes(intent.name) &&
      this.registry.forIntent(intent.name) !== undefined
    );
  }

  /** Mid-flow detours: another task, an FAQ, small talk. Returns false when the message is none of these. */
  private switchTopic(turn: DialogueTurn, flow: FlowDefinition, event: UserEvent, cues: UtteranceCues, faqs: FaqCandidate[]): boolean {
    const nlu = event.nlu;
    const intent = nlu.outOfScope ? null : nlu.intent;
    const faq = faqs.find((f) => f.confidence >= this.thresholds.faq);
    if (intent && intent.confidence >= this.thresholds.topicSwitch) {
      if (this.runner.taskIntents(turn.state).includes(intent.name)) {
        // "我要退货，运费谁出" while the return is under way: answer the question, then carry on.
        const side = this.sideQuestion(event, cues, faqs, intent);
        if (side) this.answerFaq(turn, side);
        this.runner.resume(turn, 'continueFlow');
        return true;
      }
      const other = this.registry.forIntent(intent.name);
      if (other && (!faq || faq.confidence <= intent.confidence + this.thresholds.faqOverFlowMargin)) {
        turn.intent = intent;
        const side = this.sideQuestion(event, cues, faqs, intent);
        if (side) this.answerFaq(turn, side);
        this.startFlow(turn, other, nlu.entities, event.text, cues);
        return true;
      }
      if (intent.name === 'greeting') {
        this.runner.resume(turn, 'continueFlow');
        return true;
      }
      if (intent.name === 'thanks') {
        turn.say(turn.phrase('thanks'));
        turn.mark('answered');
        this.runner.resume(turn, 'resumeFlow');
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
      this.answerFaq(turn, faq);
      this.runner.resume(turn, 'resumeFlow', 'answered');
      return true;
    }
    return false;
  }

  /** A message outside any flow: clarify, start a flow, answer an FAQ, or step down the fallback ladder. */
  private onOpenMessage(turn: DialogueTurn, event: UserEvent, cues: UtteranceCues, faqs: FaqCandidate[], previous: Pending | null): void {
    const nlu = event.nlu;
    const { state } = turn;
    const labelled = turn.labels.intentFor(event.text);
    const intent = labelled ? { name: labelled, confidence: 1 } : nlu.outOfScope ? null : nlu.intent;
    const confident = intent !== null && intent.confidence >= this.thresholds.intent ? intent : null;
    // "那另一个订单呢": no new intent, a reference to an entity — the customer repeats the last task for it.
    if (cues.reference && !confident && state.lastFlowIntent && this.registry.forIntent(state.lastFlowIntent)) {
      this.routeIntent(turn, state.lastFlowIntent, intent?.confidence ?? 0, nlu.entities, event, cues);
      return;
    }
    const justClarified = previous?.kind === 'choice' && previous.purpose === 'clarify';
    // "国内漫游还收费吗": a how-things-work question the knowledge base answers clearly is answered, not turned
    // into a choice between tasks the classifier only half recognises.
    const answeredByFaq = !confident && cues.generalQuestion && this.clearFaq(faqs) !== undefined;
    if (!justClarified && !labelled && !answeredByFaq) {
      const candidates = this.clarifier.candidates(turn.labels, event.text, nlu, intent?.confidence ?? 0);
      if (candidates && this.clarifier.ask(turn, candidates, nlu)) return;
    }
    // "我想退货，运费谁出": the question is answered first, then the task starts, in one turn.
    const compound = labelled ? undefined : this.taskWithSideQuestion(event, cues, faqs, confident);
    if (compound) {
      this.answerFaq(turn, compound.faq);
      this.routeIntent(turn, compound.task.name, compound.task.confidence, nlu.entities, event, cues);
      return;
    }
    // "家里宽带坏了，怎么报修", "我的卡丢了怎么挂失": the customer's own trouble wants the task done, and the how-to of
    // that very task would only tell them to ask for what they just asked for. An FAQ about something the task
    // does not do ("身份证丢了怎么补办" beside 证明开具) is still the answer.
    const doesTask = (faq: FaqCandidate): boolean => cues.trouble && confident !== null && this.isHowToOfTask(faq, confident.name);
    // "信用卡免息期多长时间" is about the card product, not the customer's bill: the FAQ answers it.
    const asked = cues.generalQuestion && !labelled ? this.clearFaq(faqs) : undefined;
    if (asked && !doesTask(asked)) {
      turn.intent = intent;
      // "宽带怎么报修": the how-to is answered, and the task it describes is one tap, or one detail, away.
      const offered = confident && this.registry.forIntent(confident.name) ? { label: turn.labels.label(confident.name), kind: 'intent' as const, id: confident.name } : undefined;
      this.answerFaq(turn, asked, offered ? [offered.label] : []);
      if (offered) turn.state.pending = { kind: 'choice', purpose: 'offer_flow', options: [offered], entities: nlu.entities.map(({ type, value, text }) => ({ type, value, text })) };
      return;
    }
    const faq = faqs.find((f) => f.confidence >= this.thresholds.faq);
    if (confident) {
      const hasFlow = this.registry.forIntent(confident.name) !== undefined || isSmallTalk(confident.name) || confident.name === HUMAN_INTENT;
      // An intent the bot can only answer from the knowledge base lends its confidence to a weaker FAQ hit.
      const answer = faq ?? (hasFlow ? undefined : faqs.find((f) => f.confidence >= this.thresholds.faqWithIntent));
      if (answer && !doesTask(answer) && (!hasFlow || answer.confidence > confident.confidence + this.thresholds.faqOverFlowMargin)) this.answerFaq(turn, answer);
      else this.routeIntent(turn, confident.name, confident.confidence, nlu.entities, event, cues);
      return;
    }
    if (faq) {
      this.answerFaq(turn, faq);
      return;
    }
    this.ladder.step(turn, nlu, faqs);
  }

  /**
   * A task with a flow and the FAQ of a question asked beside it: the whole message's task first; else, when the
   * whole message reads as its question's topic ("订单…想退货，退款多久能到账"), a clause that asks for a task.
   */
  private taskWithSideQuestion(event: UserEvent, cues: UtteranceCues, faqs: FaqCandidate[], confident: { name: string; confidence: number } | null): { task: { name: string; confidence: number }; faq: FaqCandidate } | undefined {
    const clauseTasks = (event.clauses ?? []).map((c) => (c.nlu.outOfScope ? null : c.nlu.intent));
    for (const task of [confident, ...clauseTasks]) {
      if (!task || task.confidence < this.thresholds.intent) continue;
      const faq = this.sideQuestion(event, cues, faqs, task);
      if (faq) return { task, faq };
    }
    return undefined;
  }

  /** The FAQ of a question asked alongside a task that has a flow, unless it only restates that task. */
  private sideQuestion(event: UserEvent, cues: UtteranceCues, faqs: readonly FaqCandidate[], task: { name: string; confidence: number }): FaqCandidate | undefined {
    const names = this.taskNames(task.name);
    return names ? this.sideQuestions.find(event, cues, faqs, { ...task, names }) : undefined;
  }

  /** The intent has a flow and the FAQ's question names it: "宽带怎么报修？" for broadband_fault. */
  private isHowToOfTask(faq: FaqCandidate, intent: string): boolean {
    const names = this.taskNames(intent);
    return names !== undefined && namesTask(faq.question, names);
  }

  /** What the customer may call a task that has a flow: its labels and its flow's titles. */
  private taskNames(intent: string): string[] | undefined {
    const flow = this.registry.forIntent(intent);
    return flow ? [this.labels['zh-CN'].label(intent), this.labels.en.label(intent), flow.title.zh, flow.title.en] : undefined;
  }

  /** The best FAQ hit when it is sure, or fairly sure and clearly ahead of the next one. */
  private clearFaq(faqs: readonly FaqCandidate[]): FaqCandidate | undefined {
    const [best, next] = faqs;
    if (!best || best.confidence < this.thresholds.faqQuestion) return undefined;
    if (best.confidence >= this.thresholds.faq) return best;
    return best.confidence - (next?.confidence ?? 0) >= this.thresholds.faqQuestionLead ? best : undefined;
  }

  /** Acts on a resolved intent. */
  private routeIntent(
    turn: DialogueTurn,
    name: string,
    confidence: number,
    entities: readonly { type: string; value: string; text: string }[],
    event: UserEvent,
    cues: UtteranceCues,
  ): void {
    turn.intent = { name, confidence };
    turn.state.lastIntent = name;
    if (name === HUMAN_INTENT) {
      this.handOffOnRequest(turn, event.nlu);
      return;
    }
    if (isSmallTalk(name)) {
      turn.say(turn.phrase(name), name === 'goodbye' ? [] : this.menu.map((id) => turn.labels.label(id)));
      turn.mark('answered');
      return;
    }
    const flow = this.registry.forIntent(name);
    if (flow) {
      this.startFlow(turn, flow, entities, event.text, cues);
      return;
    }
    // Understood, but this tenant has neither a flow nor an FAQ answer for it: a person should.
    this.ladder.offerHuman(turn, turn.phrase('noAnswer'));
  }

  /** Starts a flow, filling what the opening message already says (an order number, "刚才那个订单"). */
  private startFlow(
    turn: DialogueTurn,
    flow: FlowDefinition,
    entities: readonly { type: string; value: string; text: string }[],
    text: string,
    cues: UtteranceCues,
  ): void {
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
  private handover(turn: DialogueTurn, flow: FlowDefinition, entities: readonly { type: string; value: string; text: string }[], text: string, used: Set<string>): Record<string, string> {
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

  private handOffOnRequest(turn: DialogueTurn, nlu: NluParse): void {
    const upset = (nlu.emotion.label === 'anger' && nlu.emotion.score >= this.thresholds.empathy) || nlu.risk.level === 'medium';
    turn.intent = { name: HUMAN_INTENT, confidence: 1 };
    turn.handOff({ reason: 'user_request', priority: upset ? 'high' : 'normal' }, turn.phrase('handoffUserRequest'));
  }

  private answerFaq(turn: DialogueTurn, faq: FaqCandidate, quickReplies: readonly string[] = []): void {
    turn.faqId = faq.id;
    turn.say(faq.answer, quickReplies);
    turn.mark('answered');
  }

  /** Empathy changes the tone, never the answer: a prefix on the first reply. */
  private addEmpathy(turn: DialogueTurn, nlu: NluParse): void {
    const first = turn.replies[0];
    if (!first || nlu.emotion.score < this.thresholds.empathy) return;
    if (nlu.emotion.label === 'anger') first.text = turn.phrase('empathyAnger') + first.text;
    else if (nlu.emotion.label === 'anxiety') first.text = turn.phrase('empathyAnxiety') + first.text;
  }
}

/** The value a slot's `openingPattern` finds in a message (group 1, else the whole match), if any. */
function matchOpeningPattern(pattern: string, text: string): string | undefined {
  const m = new RegExp(pattern, 'u').exec(halfWidth(text));
  const value = m?.[1] ?? m?.[0];
  return value ? value : undefined;
}
