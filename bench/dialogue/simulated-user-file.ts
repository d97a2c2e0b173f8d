import { templateIdSchema } from '@zhida/templates';
import { z } from 'zod';
import { regexSourceSchema } from './regex-source-schema.js';

/** What a simulated script exercises (issue #16): the kinds completion is broken down by. */
export const simulationKindSchema = z.enum(['free_text_answer', 'late_correction', 'side_question', 'new_task_midway', 'vague_start', 'detail_first', 'change_of_mind']);
export type SimulationKind = z.infer<typeof simulationKindSchema>;

/**
 * One thing the customer types. With `expect`, the bot's replies to exactly this message (joined) must match
 * the regex — a side question answered, a correction shown back; with `faq` (a template FAQ id), one of those
 * replies must record that FAQ as answered. A miss is recorded and the conversation goes on.
 */
export const sayItemSchema = z.union([z.string().min(1), z.strictObject({ text: z.string().min(1), expect: regexSourceSchema, faq: z.string().min(1).optional() })]);
export type SayItem = z.infer<typeof sayItemSchema>;

/** When the bot's last reply (text and buttons) matches `when`, the customer says the next unused `say` item. */
export const answerEntrySchema = z.strictObject({
  when: regexSourceSchema,
  say: z.array(sayItemSchema).min(1),
});
export type AnswerEntry = z.infer<typeof answerEntrySchema>;

export const simulatedGoalSchema = z
  .strictObject({
    description: z.string().min(1),
    /** Reached when some bot reply after the opening matches this regex (e.g. `RMA\\d{8,}`). */
    text: regexSourceSchema.optional(),
    /** True: a handoff is the goal. False or absent: a handoff fails the script. */
    handoff: z.boolean().optional(),
  })
  .refine((g) => g.text !== undefined || g.handoff === true, 'a goal needs a text regex or handoff: true');

export const simulatedScriptSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kinds: z.array(simulationKindSchema),
  goal: simulatedGoalSchema,
  /** The customer's first message. `{{order.<kind>}}`, `{{mobile.<kind>}}`, `{{otp}}` are filled in as in the scripted suite. */
  opening: z.string().min(1),
  answers: z.array(answerEntrySchema).min(1),
});
export type SimulatedScript = z.infer<typeof simulatedScriptSchema>;

/** `bench/simulated-user/<template>.json` (dev) and `<template>.frozen.json` (frozen). */
export const simulatedUserFileSchema = z.strictObject({
  template: templateIdSchema,
  tenant: z.string().min(1),
  scripts: z.array(simulatedScriptSchema).min(1),
});
export type SimulatedUserFile = z.infer<typeof simulatedUserFileSchema>;
