import { Clarifier } from './clarifier.js';
import { clarifyGroupSchema } from './clarify-group.js';
import { clearFaq } from './clear-faq.js';
import type { UserEvent } from './dialogue-event.js';
import type { DialogueManagerOptions } from './dialogue-manager-options.js';
import { defaultDialogueThresholds, type DialogueThresholds } from './dialogue-thresholds.js';
import type { DialogueTurn } from './dialogue-turn.js';
import { FallbackLadder } from './fallback-ladder.js';
import type { FaqCandidate, FaqLookup } from './faq-candidates.js';
import type { FlowDefinition } from './flow-definition.js';
import { FlowRegistry } from './flow-registry.js';
import { FlowRunner } from './flow-runner.js';
import { FlowStarter } from './flow-starter.js';
import { HUMAN_INTENT, IntentLabels, isSmallTalk } from './intent-labels.js';
import type { NluParse } from './nlu-parse.js';
import { OptionVocabulary } from './option-vocabulary.js';
import { announcesNewRequest } from './new-request-cue.js';
import { namesTask, SideQuestions } from './side-question.js';
import { smallTalkPhrase } from './small-talk-phrase.js';
import type { UtteranceCues } from './utterance-cues.js';

type Entity = { type: string; value: string; text: string };
type Intent = { name: string; confidence: number };

/**
 * What every turn policy works with: the tenant's flows and thresholds, the flow runner, and the moves several
 * policies make (answer an FAQ, act on an intent, start a flow, hand off on request). Built once per manager.
 */
export class DialogueServices {
  readonly registry: FlowRegistry;
  readonly runner: FlowRunner;
  readonly clarifier: Clarifier;
  readonly ladder: FallbackLadder;
  readonly thresholds: DialogueThresholds;
  readonly sideQuestions: SideQuestions;
  readonly faqLookup: FaqLookup | undefined;
  /** The words that stand for each option of a slot, with the knowledge graph's names added. */
  readonly optionVocabulary: OptionVocabulary;
  /** Intent ids offered as buttons on the welcome message and after small talk. */
  readonly menu: string[];
  private readonly starter: FlowStarter;
  private readonly names: { zh: IntentLabels; en: IntentLabels };

  constructor(options: DialogueManagerOptions) {
    this.registry = new FlowRegistry(options.flows);
    this.runner = new FlowRunner(this.registry);
    this.starter = new FlowStarter(this.registry, this.runner);
    this.thresholds = { ...defaultDialogueThresholds, ...options.thresholds };
    this.clarifier = new Clarifier(options.clarifyGroups.map((g) => clarifyGroupSchema.parse(g)), this.thresholds);
    this.ladder = new FallbackLadder(Math.max(1, options.maxFailures ?? 2));
    this.faqLookup = options.faqLookup;
    this.optionVocabulary = new OptionVocabulary(options.knowledgeGraph);
    this.sideQuestions = new SideQuestions(this.thresholds, options.faqLookup);
    this.names = { zh: new IntentLabels(options.intentLabels, 'zh-CN'), en: new IntentLabels(options.intentLabels, 'en') };
    const labels = options.locale === 'en' ? this.names.en : this.names.zh;
    this.menu = (options.menu ?? this.registry.intents()).filter((i) => labels.has(i)).slice(0, options.menu ? undefined : 4);
  }

  /** The menu's buttons in the turn's language. */
  menuLabels(turn: DialogueTurn): string[] {
    return this.menu.map((id) => turn.labels.label(id));
  }

  answerFaq(turn: DialogueTurn, faq: FaqCandidate, quickReplies: readonly string[] = []): void {
    turn.faqId = faq.id;
    turn.say(faq.answer, quickReplies);
    turn.mark('answered');
  }

  /** Acts on a resolved intent: a person, small talk, its flow, or — with neither flow nor answer — an offer of a human. */
  routeIntent(turn: DialogueTurn, name: string, confidence: number, entities: readonly Entity[], event: UserEvent, cues: UtteranceCues): void {
    turn.intent = { name, confidence };
    turn.state.lastIntent = name;
    if (name === HUMAN_INTENT) {
      this.handOffOnRequest(turn, event.nlu);
      return;
    }
    if (isSmallTalk(name)) {
      turn.say(turn.phrase(smallTalkPhrase(name, event.nlu)), name === 'goodbye' ? [] : this.menuLabels(turn));
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
  startFlow(turn: DialogueTurn, flow: FlowDefinition, entities: readonly Entity[], text: string, cues: UtteranceCues): void {
    this.starter.start(turn, flow, entities, text, cues);
  }

  handOffOnRequest(turn: DialogueTurn, nlu: NluParse): void {
    const upset = (nlu.emotion.label === 'anger' && nlu.emotion.score >= this.thresholds.empathy) || nlu.risk.level === 'medium';
    turn.intent = { name: HUMAN_INTENT, confidence: 1 };
    turn.handOff({ reason: 'user_request', priority: upset ? 'high' : 'normal' }, turn.phrase('handoffUserRequest'));
  }

  /** True when the message confidently asks for a different task that has a flow. */
  isTopicSwitch(turn: DialogueTurn, nlu: NluParse): boolean {
    const intent = nlu.outOfScope ? null : nlu.intent;
    return (
      intent !== null &&
      intent.confidence >= this.topicSwitchBar(nlu) &&
      !this.runner.taskIntents(turn.state).includes(intent.name) &&
      this.registry.forIntent(intent.name) !== undefined
    );
  }

  /** How sure another intent must be to interrupt a flow: less when the message announces a new request ("对了，先帮我…"). */
  topicSwitchBar(nlu: NluParse): number {
    return announcesNewRequest(nlu.normalized) ? this.thresholds.intent : this.thresholds.topicSwitch;
  }

  /** The FAQ of a question asked alongside a task that has a flow, unless it only restates that task. */
  sideQuestion(event: UserEvent, cues: UtteranceCues, faqs: readonly FaqCandidate[], task: Intent): FaqCandidate | undefined {
    const names = this.taskNames(task.name);
    return names ? this.sideQuestions.find(event, cues, faqs, { ...task, names }) : undefined;
  }

  /**
   * "家里宽带坏了，怎么报修", "我的卡丢了怎么挂失": the customer's own trouble wants the task done, and the how-to of
   * that very task would only tell them to ask for what they just asked for. An FAQ about something the task
   * does not do ("身份证丢了怎么补办" beside 证明开具) is still the answer.
   */
  doesTask(cues: UtteranceCues, confident: Intent | null, faq: FaqCandidate): boolean {
    return cues.trouble && confident !== null && this.isHowToOfTask(faq, confident.name);
  }

  /**
   * The FAQ is the how-to of the very task the message names, and the message wants that task done rather than
   * explained: the customer's own trouble (`doesTask`), or a speech act not sure enough that it is only a question
   * ("我想退货怎么操作": 0.51).
   */
  wantsTask({ cues, nlu, confident }: { cues: UtteranceCues; nlu: NluParse; confident: Intent | null }, faq: FaqCandidate): boolean {
    if (this.doesTask(cues, confident, faq)) return true;
    const questionProbability = !nlu.act ? (cues.generalQuestion ? 1 : 0) : nlu.act.label === 'question' ? nlu.act.confidence : 1 - nlu.act.confidence;
    // "我想退货怎么操作" (wanting the task and asking how it goes) and "退货" (the task's name, asking nothing): the task
    // is the answer. "预约了去不了咋取消" asks how, and gets the how-to with the task offered.
    const unsure = questionProbability < this.thresholds.howToQuestionAct && (cues.ownCase || !cues.asks);
    return confident !== null && unsure && this.isHowToOfTask(faq, confident.name);
  }

  /** The best FAQ hit when it is sure, or fairly sure and clearly ahead of the next one. */
  clearFaq(faqs: readonly FaqCandidate[]): FaqCandidate | undefined {
    return clearFaq(faqs, this.thresholds);
  }

  /** The intent has a flow and the FAQ's question names it: "宽带怎么报修？" for broadband_fault. */
  isHowToOfTask(faq: FaqCandidate, intent: string): boolean {
    const names = this.taskNames(intent);
    return names !== undefined && namesTask(faq.question, names);
  }

  /** What the customer may call a task that has a flow: its labels and its flow's titles. */
  private taskNames(intent: string): string[] | undefined {
    const flow = this.registry.forIntent(intent);
    return flow ? [this.names.zh.label(intent), this.names.en.label(intent), flow.title.zh, flow.title.en] : undefined;
  }
}
