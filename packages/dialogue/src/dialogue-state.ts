import { z } from 'zod';
import { localeSchema } from './localized-text.js';

/** A reply as the widget shows it: plain text plus buttons whose label is sent back as text. */
export const botReplySchema = z.object({ text: z.string(), quickReplies: z.array(z.string()) });

/** A button offered in a choice; `kind` says what picking it means. */
export const choiceOptionSchema = z.object({
  label: z.string(),
  kind: z.enum(['intent', 'faq', 'human', 'passage']),
  id: z.string(),
  /** A `passage` option's cited answer to the question asked, sent when it is picked. */
  text: z.string().optional(),
});

/** The running state of one flow. */
export const flowFrameSchema = z.object({
  flowId: z.string(),
  stepId: z.string(),
  slots: z.record(z.string(), z.unknown()),
  /** The label of the option chosen for an option slot, for confirmations ("{{labels.reason}}"). */
  labels: z.record(z.string(), z.string()),
  /** Last action's data; `results` keeps data under each action's `resultAs`. */
  result: z.unknown().nullable(),
  results: z.record(z.string(), z.unknown()),
  /**
   * Last action's refusal. A refusal for a limit carries the wait, in whole seconds and rounded up to whole
   * minutes, so a flow can say "请在 {{error.retryAfterSeconds}} 秒后再试" or switch to minutes for long waits.
   */
  error: z
    .object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().int().nonnegative().optional(), retryAfterMinutes: z.number().int().nonnegative().optional() })
    .nullable(),
  waiting: z.enum(['slot', 'confirm', 'action']).nullable(),
  attempts: z.number().int().min(0),
  /** The action this frame waits for; kept so it can be re-issued if the customer writes meanwhile. */
  action: z.object({ id: z.string(), name: z.string(), args: z.record(z.string(), z.unknown()) }).nullable(),
  /** Options realised when the current slot was asked, so "第二个" means what the customer saw. */
  options: z.array(z.object({ value: z.string(), label: z.string(), synonyms: z.array(z.string()) })).nullable(),
  /** The question waiting for an answer, repeated when the flow resumes. */
  prompt: botReplySchema.nullable(),
  /** Values the opening message gave for slots of the sub-flows this flow calls ("挂失，预留手机1360…" for the identity check). */
  handover: z.record(z.string(), z.string()).optional(),
  /** The option a free answer seemed to mean ("是『与描述不符』吗？"), waiting for a yes or no; lives one turn. */
  guess: z.object({ value: z.string(), label: z.string() }).nullable().optional(),
});

/** A flow put aside: `call` waits for a sub-flow and continues at `resumeAt` (null: complete); `suspend` waits for a topic switch to finish. */
export const stackEntrySchema = z.object({
  mode: z.enum(['call', 'suspend']),
  resumeAt: z.string().nullable(),
  frame: flowFrameSchema,
});

/** What the last bot turn is waiting for outside a flow step. */
export const pendingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('choice'),
    /** `offer_flow`: a how-to was answered and the task it describes is offered as a button. */
    purpose: z.enum(['clarify', 'suggest', 'offer_human', 'menu', 'offer_flow']),
    options: z.array(choiceOptionSchema),
    /** Entities of the vague message, reused once the customer has picked. */
    entities: z.array(z.object({ type: z.string(), value: z.string(), text: z.string() })),
    /**
     * The message the options answer ("开无犯罪记录证明", "营业执照想预约线下办理，怎么约"): a task picked from them starts
     * with what it already said, so the certificate type or the business is not asked again.
     */
    text: z.string().optional(),
  }),
  z.object({ kind: z.literal('cancel_confirm') }),
]);

/** A remembered entity for references such as "刚才那个订单". */
export const rememberedEntitySchema = z.object({
  type: z.string(),
  value: z.string(),
  text: z.string(),
  turn: z.number().int(),
});

/**
 * Everything the dialogue manager needs between turns. Plain JSON: the server
 * stores it per conversation and passes it back on the next event.
 */
export const dialogueStateSchema = z.object({
  version: z.literal(1),
  turn: z.number().int().min(0),
  flow: flowFrameSchema.nullable(),
  stack: z.array(stackEntrySchema),
  pending: pendingSchema.nullable(),
  /** Consecutive turns the bot did not understand. */
  failures: z.number().int().min(0),
  entities: z.array(rememberedEntitySchema),
  /** The entity value of each type that a flow used last, so "另一个订单" can mean a different one. */
  lastUsed: z.record(z.string(), z.string()),
  /** Slots remembered from completed flows (`remember`), reused by `carryOver` slots. */
  context: z.record(z.string(), z.unknown()),
  lastIntent: z.string().nullable(),
  lastFlowIntent: z.string().nullable(),
  /** The flow that ended last (not cancelled) and the turn it ended in, kept for a correction right after its result. */
  recent: z.object({ frame: flowFrameSchema, turn: z.number().int() }).nullable().optional(),
  /** The visitor's language once an event has named it; otherwise the manager's locale applies. */
  locale: localeSchema.optional(),
});

export type BotReply = z.infer<typeof botReplySchema>;
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;
export type FlowFrame = z.infer<typeof flowFrameSchema>;
export type StackEntry = z.infer<typeof stackEntrySchema>;
export type Pending = z.infer<typeof pendingSchema>;
export type RememberedEntity = z.infer<typeof rememberedEntitySchema>;
export type DialogueState = z.infer<typeof dialogueStateSchema>;

/** The state of a conversation nobody has said anything in yet. */
export function initialDialogueState(): DialogueState {
  return {
    version: 1,
    turn: 0,
    flow: null,
    stack: [],
    pending: null,
    failures: 0,
    entities: [],
    lastUsed: {},
    context: {},
    lastIntent: null,
    lastFlowIntent: null,
  };
}
