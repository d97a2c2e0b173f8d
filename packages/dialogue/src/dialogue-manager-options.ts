import type { ClarifyGroupInput } from './clarify-group.js';
import type { DialogueMessages } from './dialogue-messages.js';
import type { DialogueThresholds } from './dialogue-thresholds.js';
import type { FaqLookup } from './faq-candidates.js';
import type { FlowDefinitionInput } from './flow-definition.js';
import type { IntentLabelsInput } from './intent-labels.js';
import type { Locale } from './localized-text.js';
import type { KnowledgeGraphNames } from './option-vocabulary.js';

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
  /** The tenant's knowledge graph (the templates' `knowledge-graph.json`): its names widen what picks an option. */
  knowledgeGraph?: KnowledgeGraphNames;
  /** The tenant's offset from UTC for "今天"/"明天" (default +480, China). */
  utcOffsetMinutes?: number;
};
