export { cannedReplyListSchema, cannedReplySchema, type CannedReply } from './canned-reply-schema.js';
export { faqEntrySchema, faqListSchema, type FaqEntry } from './faq-schema.js';
export { identifierSchema } from './identifier-schema.js';
export { intentExamplesSchema, intentSetSchema, type IntentExamples, type IntentSet } from './intent-set-schema.js';
export {
  graphEdgeSchema,
  graphNodeSchema,
  graphNodeTypes,
  knowledgeGraphSchema,
  type GraphEdge,
  type GraphNode,
  type KnowledgeGraph,
} from './knowledge-graph-schema.js';
export { listTemplates, loadTemplate, parseTemplate, type TemplateSummary } from './load-template.js';
export { localizedTextSchema, type LocalizedText } from './localized-text-schema.js';
export { commonIntentIds, requiredIntentIds } from './required-intent-ids.js';
export { sharedCommonUtterances, withSharedCommonUtterances } from './shared-common-utterances.js';
export { splitUtterances, type SplitOptions, type UtteranceSplit } from './split-utterances.js';
export { TemplateError, TemplateInvalidError, TemplateNotFoundError } from './template-error.js';
export { isTemplateId, templateIdSchema, templateIds, type TemplateId } from './template-id.js';
export {
  clarifyGroupSchema,
  intentLabelSchema,
  templateManifestSchema,
  type ClarifyGroup,
  type IntentLabel,
  type TemplateManifest,
} from './template-manifest-schema.js';
export { templateSchema, type IndustryTemplate, type IndustryTemplateInput } from './template-schema.js';
export {
  ticketCategoryListSchema,
  ticketCategorySchema,
  ticketPriorities,
  ticketPrioritySchema,
  type TicketCategory,
  type TicketPriority,
} from './ticket-category-schema.js';
export { ticketFieldDefinitionSchema, type TicketFieldDefinitionInput } from './ticket-field-schema.js';
export { utteranceKey } from './utterance-key.js';
export { templateDocuments, type TemplateDocument } from './template-documents.js';
export { allTemplateDocumentSynonyms, templateDocumentSynonyms } from './document-synonyms.js';
