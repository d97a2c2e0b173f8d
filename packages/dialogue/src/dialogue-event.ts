import { z } from 'zod';
import { localeSchema } from './localized-text.js';
import { nluParseSchema } from './nlu-parse.js';

/** An FAQ answer the server looked up for one of the parse's FAQ hits. */
export const faqAnswerSchema = z.object({ id: z.string(), question: z.string(), answer: z.string() });

/**
 * What the server found in the tenant's documents for the message (before the dialogue decides): a confident
 * passage, already trimmed and cited (`text`), or `declined` — the tenant has documents and none answers surely; a
 * decline may come with `choices`, two close sections (`label`) and the cited answer each gives when picked.
 */
export const documentChoiceSchema = z.object({ passageId: z.string(), label: z.string(), text: z.string() });
export const documentLookupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), passageId: z.string(), text: z.string() }),
  z.object({ kind: z.literal('declined'), choices: z.array(documentChoiceSchema).optional() }),
]);
export type DocumentChoiceLookup = z.infer<typeof documentChoiceSchema>;
export type DocumentLookup = z.infer<typeof documentLookupSchema>;

/** One clause of a message (`splitClauses`) with its own NLU parse. */
export const clauseParseSchema = z.object({ text: z.string(), nlu: nluParseSchema });

/** A customer message with its NLU parse; `now` (ISO time) anchors dates such as "明天". */
export const userEventSchema = z.object({
  type: z.literal('user'),
  text: z.string(),
  nlu: nluParseSchema,
  now: z.string(),
  faqAnswers: z.array(faqAnswerSchema).optional(),
  /** The tenant's documents' answer to the message, asked for only when no FAQ answers it (see `documentAnswerPolicy`). */
  document: documentLookupSchema.optional(),
  /**
   * The message's clauses (`splitClauses(text)`) each parsed on its own, when there are two or more:
   * "我想退货，运费谁出" is a task and a question, and the question is answered before the task starts.
   */
  clauses: z.array(clauseParseSchema).optional(),
  /** The visitor's language (widget `data-locale`); remembered for the rest of the conversation. */
  locale: localeSchema.optional(),
});

/** The outcome of an action the manager asked for. */
/**
 * The refusal code of an action whose capability has no backend connected (the server's `not_configured`). The flow's
 * own failure branches are skipped: the task ends, saying it cannot be done online and offering a human or a ticket.
 */
export const ACTION_NOT_CONFIGURED = 'not_configured';

export const actionResultEventSchema = z.object({
  type: z.literal('action_result'),
  actionId: z.string(),
  ok: z.boolean(),
  data: z.unknown().optional(),
  /** `retryAfterSeconds`: the action was refused for a limit (e.g. SMS codes) and may succeed after that wait. */
  error: z.union([z.string(), z.object({ code: z.string(), message: z.string().optional(), retryAfterSeconds: z.number().nonnegative().optional() })]).optional(),
});

/** A new conversation: the manager greets. */
export const startEventSchema = z.object({ type: z.literal('start'), locale: localeSchema.optional() });

/** Everything `DialogueManager.handle` accepts. */
export const dialogueEventSchema = z.discriminatedUnion('type', [userEventSchema, actionResultEventSchema, startEventSchema]);

export type FaqAnswer = z.infer<typeof faqAnswerSchema>;
export type ClauseParse = z.infer<typeof clauseParseSchema>;
export type UserEvent = z.infer<typeof userEventSchema>;
export type ActionResultEvent = z.infer<typeof actionResultEventSchema>;
export type DialogueEvent = z.infer<typeof dialogueEventSchema>;
