import { findClarifyGroup, type ClarifyGroup } from './clarify-group.js';
import type { ChoiceOption } from './dialogue-state.js';
import type { DialogueThresholds } from './dialogue-thresholds.js';
import type { DialogueTurn } from './dialogue-turn.js';
import type { IntentLabels } from './intent-labels.js';
import type { NluParse } from './nlu-parse.js';

/** At most this many buttons in a clarifying question; more is a menu, not a question. */
const MAX_CLARIFY_OPTIONS = 4;

/**
 * Turns vague or ambiguous requests into one clarifying question with the
 * candidate intents as buttons, instead of guessing.
 */
export class Clarifier {
  constructor(
    private readonly groups: readonly ClarifyGroup[],
    private readonly thresholds: DialogueThresholds,
  ) {}

  /**
   * The intents to offer for this message, or undefined when it is clear enough:
   * a vague phrase with nothing specific besides it (however sure the classifier is — "我的订单有问题"
   * is not an order-status question), a vague phrase with a weak intent, the NLU's ambiguity flag
   * (which it also sets for a message that only names a topic, "宽带的事", however sure its best intent),
   * or top candidates within the margin.
   */
  candidates(labels: IntentLabels, text: string, nlu: NluParse, intentConfidence: number): readonly string[] | undefined {
    const match = findClarifyGroup(text, this.groups);
    if (match && (match.onlyVague || intentConfidence < this.thresholds.strongIntent)) return match.group.intents;
    if (nlu.ambiguous) return this.flagged(labels, nlu);
    if (intentConfidence >= this.thresholds.strongIntent) return undefined;
    return this.ambiguous(labels, nlu);
  }

  /** True when the message contains one of the vague phrases ("找售后"), whatever the classifier says. */
  mentionsVaguePhrase(text: string): boolean {
    return findClarifyGroup(text, this.groups) !== undefined;
  }

  /** Asks the question; false when fewer than two candidates can be shown. */
  ask(turn: DialogueTurn, intents: readonly string[], nlu: NluParse): boolean {
    const options = [...new Set(intents)]
      .filter((id) => turn.labels.has(id))
      .slice(0, MAX_CLARIFY_OPTIONS)
      .map((id): ChoiceOption => ({ label: turn.labels.label(id), kind: 'intent', id }));
    if (options.length < 2) return false;
    turn.say(turn.phrase('clarify'), options.map((o) => o.label));
    turn.state.pending = {
      kind: 'choice',
      purpose: 'clarify',
      options,
      entities: nlu.entities.map((e) => ({ type: e.type, value: e.value, text: e.text })),
      text: nlu.text,
    };
    turn.intent = null;
    turn.mark('clarified');
    return true;
  }

  /**
   * The NLU found the message ambiguous: its two leading offerable candidates, however weak the second (a
   * vague message leaves most of the weight on the intent its topic suggests), then any others above the floor.
   * With one offerable candidate only, the clarify groups that hold it fill in its usual alternatives.
   */
  private flagged(labels: IntentLabels, nlu: NluParse): string[] | undefined {
    return this.alternativesTo(labels, [...nlu.candidates].filter((c) => labels.offerable(c.name)).sort((a, b) => b.confidence - a.confidence));
  }

  /**
   * The options for a message known to be unclear, from its offerable candidates best first: the two leading ones
   * however weak the second, then any others above `clarifyFlaggedFloor`; with one candidate only, the clarify
   * groups that hold it fill in its usual alternatives.
   */
  alternativesTo(labels: IntentLabels, ranked: readonly { name: string; confidence: number }[]): string[] | undefined {
    const [first] = ranked;
    if (!first) return undefined;
    const picked = ranked.filter((c, i) => i < 2 || c.confidence >= this.thresholds.clarifyFlaggedFloor).map((c) => c.name);
    if (picked.length >= 2) return picked.slice(0, MAX_CLARIFY_OPTIONS);
    const related = this.groups.filter((g) => g.intents.includes(first.name)).flatMap((g) => g.intents);
    const options = [...new Set([first.name, ...related])].filter((id) => labels.offerable(id));
    return options.length >= 2 ? options.slice(0, MAX_CLARIFY_OPTIONS) : undefined;
  }

  private ambiguous(labels: IntentLabels, nlu: NluParse): string[] | undefined {
    const ranked = [...nlu.candidates]
      .filter((c) => c.confidence >= this.thresholds.clarifyFloor && labels.offerable(c.name))
      .sort((a, b) => b.confidence - a.confidence);
    const [first, second] = ranked;
    if (!first || !second) return undefined;
    if (first.confidence >= this.thresholds.strongIntent || first.confidence - second.confidence >= this.thresholds.clarifyMargin) return undefined;
    return ranked.filter((c) => first.confidence - c.confidence < this.thresholds.clarifyMargin).slice(0, 3).map((c) => c.name);
  }
}
