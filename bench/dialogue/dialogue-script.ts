import { z } from 'zod';
import { regexSourceSchema } from './regex-source-schema.js';

/** The outcomes a bot turn records in `meta.record.outcome` (packages/dialogue turn-record.ts). */
export const turnOutcomeSchema = z.enum(['answered', 'clarified', 'slot_filled', 'action', 'completed', 'cancelled', 'fallback', 'handoff', 'resumed']);
export type TurnOutcome = z.infer<typeof turnOutcomeSchema>;

/**
 * What the bot must do in reply to one customer message. Every given field must
 * hold; an empty expectation only requires the bot to answer at all.
 */
export const turnExpectationSchema = z.strictObject({
  /** The intent the turn was recorded under (`meta.record.intent` of the first reply). */
  intent: z.string().optional(),
  /** The turn's outcome: the first reply's record, or any reply's when one of the allowed ones appears. */
  outcome: z.union([turnOutcomeSchema, z.array(turnOutcomeSchema).min(1)]).optional(),
  /** A regex the bot's text (all replies of the turn, joined) must match. */
  text: regexSourceSchema.optional(),
  /** A regex the bot's text must not match (e.g. asking again for what was already given). */
  notText: regexSourceSchema.optional(),
  /** Each string must appear in one of the quick-reply buttons of the turn. */
  buttons: z.array(z.string().min(1)).optional(),
  /** Whether the turn hands the conversation to a human. */
  handoff: z.boolean().optional(),
});
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;

export const scriptTurnSchema = z.strictObject({
  /** What the customer types. `{{order.<kind>}}`, `{{mobile.<kind>}}` and `{{otp}}` are filled in per script. */
  user: z.string().min(1),
  expect: turnExpectationSchema.default({}),
});

/** The task the conversation is for; judged on the whole transcript. */
export const scriptGoalSchema = z.strictObject({
  description: z.string().min(1),
  /** A regex some bot reply of the last `withinLastTurns` turns must match (e.g. `RMA\\d+`). */
  text: regexSourceSchema.optional(),
  /** The conversation must (true) or must not (false) end with the bot handing off. */
  handoff: z.boolean().optional(),
  /** Some reply of those turns must record this outcome. */
  outcome: turnOutcomeSchema.optional(),
  withinLastTurns: z.number().int().min(1).default(1),
});

export const dialogueScriptSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** What the script exercises: slot_filling, clarification, correction, cancellation, topic_switch, reference, handoff, small_talk, faq, out_of_scope. */
  tags: z.array(z.string().min(1)).min(1),
  goal: scriptGoalSchema,
  turns: z.array(scriptTurnSchema).min(1),
});
export type DialogueScript = z.infer<typeof dialogueScriptSchema>;

export const scriptFileSchema = z.strictObject({
  template: z.enum(['ecommerce', 'finance', 'government', 'telecom']),
  tenant: z.string().min(1),
  scripts: z.array(dialogueScriptSchema).min(1),
});
export type ScriptFile = z.infer<typeof scriptFileSchema>;
