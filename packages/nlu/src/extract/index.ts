export type { Entity } from './entity.js';
export type { PiiMatch, PiiType } from './pii-match.js';
export type { Emotion } from './emotion.js';
export type { Risk, RiskReason } from './risk.js';
export {
  knowledgeGraphSchema,
  knowledgeGraphNodeSchema,
  knowledgeGraphEdgeSchema,
  type KnowledgeGraph,
  type KnowledgeGraphNode,
  type KnowledgeGraphEdge,
} from './knowledge-graph.js';
export { Gazetteer } from './gazetteer.js';
export { extractEntities, type ExtractEntitiesOptions } from './extract-entities.js';
export { detectPii } from './detect-pii.js';
export { maskPii } from './mask-pii.js';
export { detectEmotion } from './detect-emotion.js';
export { raiseEmotionByArousal } from './raise-emotion-by-arousal.js';
export { detectRisk } from './detect-risk.js';
export type { DateTimeValue, DurationValue } from './extract-date-times.js';
export { DEFAULT_ORDER_NUMBER_PATTERN } from './find-order-numbers.js';
export { parseChineseNumeral } from './chinese-numeral.js';
export { isValidResidentId, isValidLegacyResidentId, residentIdCheckDigit } from './resident-id.js';
export { isLuhnValid } from './luhn.js';
