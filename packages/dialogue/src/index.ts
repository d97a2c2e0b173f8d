export { DialogueManager, type DialogueManagerOptions } from './dialogue-manager.js';
export {
  flowDefinitionSchema,
  flowsFileSchema,
  flowStepSchema,
  slotStepSchema,
  slotOptionSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowsFile,
  type FlowStep,
  type SlotStep,
} from './flow-definition.js';
export { conditionSchema, type Condition } from './condition.js';
export {
  dialogueStateSchema,
  initialDialogueState,
  botReplySchema,
  type BotReply,
  type DialogueState,
  type FlowFrame,
} from './dialogue-state.js';
export {
  dialogueEventSchema,
  ACTION_NOT_CONFIGURED,
  userEventSchema,
  actionResultEventSchema,
  startEventSchema,
  faqAnswerSchema,
  clauseParseSchema,
  documentChoiceSchema,
  documentLookupSchema,
  type DocumentChoiceLookup,
  type DocumentLookup,
  type ClauseParse,
  type DialogueEvent,
  type UserEvent,
  type ActionResultEvent,
  type FaqAnswer,
} from './dialogue-event.js';
export {
  dialogueOutputSchema,
  actionRequestSchema,
  handoffRequestSchema,
  type DialogueOutput,
  type ActionRequest,
  type HandoffRequest,
} from './dialogue-output.js';
export { turnRecordSchema, turnOutcomeSchema, type TurnRecord, type TurnOutcome } from './turn-record.js';
export { splitClauses } from './clause-splitter.js';
export { nluParseSchema, type NluParse, type NluEntity } from './nlu-parse.js';
export { clarifyGroupSchema, type ClarifyGroup, type ClarifyGroupInput } from './clarify-group.js';
export { defaultDialogueMessages, type DialogueMessages, type DialogueMessageKey } from './dialogue-messages.js';
export { defaultDialogueThresholds, type DialogueThresholds } from './dialogue-thresholds.js';
export { localizedTextSchema, localeSchema, type LocalizedText, type Locale } from './localized-text.js';
export { namedValidators, namedValidatorNameSchema, type NamedValidatorName } from './named-validators.js';
export { DialogueError, FlowConfigError, UnexpectedActionResultError, FlowLoopError, InvalidDialogueEventError } from './dialogue-error.js';
