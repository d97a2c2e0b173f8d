import { z } from 'zod';
import { conditionSchema } from './condition.js';
import { localizedTextSchema } from './localized-text.js';
import { namedValidatorNameSchema } from './named-validators.js';

const stepIdSchema = z.string().regex(/^[a-z][A-Za-z0-9_]*$/, 'step ids are camelCase or snake_case ASCII');
// These names are the scope's own keys ({{result.x}}, {{labels.x}}); a slot named so would be shadowed.
const RESERVED_SLOTS = new Set(['slots', 'labels', 'result', 'results', 'error', 'context']);
const slotNameSchema = z.string().regex(/^[a-z][A-Za-z0-9_]*$/, 'slot names are ASCII identifiers');

/** A fixed choice for a slot; `synonyms` are extra words that pick it ("上门" → pickup). */
export const slotOptionSchema = z.object({
  value: z.string().min(1),
  label: localizedTextSchema,
  synonyms: z.array(z.string().min(1)).default([]),
});

/** Choices read from an earlier action result, e.g. the free appointment slots. */
export const optionsFromSchema = z.object({
  path: z.string().min(1),
  value: z.string().min(1),
  label: z.string().min(1),
});

/** Asks for one slot until a valid value arrives or `maxAttempts` answers were invalid. */
export const slotStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('slot'),
  slot: slotNameSchema,
  label: localizedTextSchema,
  prompt: localizedTextSchema,
  retryPrompt: localizedTextSchema.optional(),
  entity: z.string().min(1).optional(),
  validator: namedValidatorNameSchema.optional(),
  pattern: z.string().min(1).optional(),
  options: z.array(slotOptionSchema).min(1).optional(),
  optionsFrom: optionsFromSchema.optional(),
  /** Reuse a value remembered from an earlier flow in this conversation instead of asking again. */
  carryOver: z.boolean().default(false),
  /**
   * For a free-text slot: what this pattern finds in the opening message fills the slot ("宽带网速慢，账号KD0571005678");
   * asked directly, an answer containing it gives the match ("哦，账号是KD…" → "KD…") and any other text is taken
   * whole (an address). Group 1, if any, is the value.
   */
  openingPattern: z.string().min(1).optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  quickReplies: z.array(localizedTextSchema).default([]),
  onFail: stepIdSchema.optional(),
  next: stepIdSchema.optional(),
});

/** A yes/no question; "取消" and "否" go to `no`. */
export const confirmStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('confirm'),
  prompt: localizedTextSchema,
  buttons: z.enum(['confirm_cancel', 'yes_no']).default('confirm_cancel'),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  yes: stepIdSchema,
  no: stepIdSchema,
});

/** Asks the server to call a connector; the flow waits for the matching `action_result`. */
export const actionStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('action'),
  action: z.string().regex(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, 'actions are named "<connector>.<operation>"'),
  args: z.record(z.string(), z.unknown()).default({}),
  /** Also keep the result under `results.<resultAs>` (it is always `result` until the next action). */
  resultAs: slotNameSchema.optional(),
  next: stepIdSchema.optional(),
  onError: stepIdSchema.optional(),
});

/** Goes to the first branch whose conditions all hold, else to `default`. */
export const branchStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('branch'),
  branches: z.array(z.object({ when: z.array(conditionSchema).min(1), next: stepIdSchema })).min(1),
  default: stepIdSchema,
});

/** Says something and moves on (or ends the flow when there is no `next`). */
export const messageStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('message'),
  text: localizedTextSchema,
  quickReplies: z.array(localizedTextSchema).default([]),
  next: stepIdSchema.optional(),
});

/** Stores literal or interpolated values as slots (e.g. `identityVerified: true`). */
export const setStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('set'),
  values: z.record(slotNameSchema, z.unknown()),
  next: stepIdSchema.optional(),
});

/** Runs another flow (e.g. identity verification) and continues here only if it completed. */
export const subflowStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('subflow'),
  flow: z.string().min(1),
  next: stepIdSchema.optional(),
});

/** Hands the conversation to a person. */
export const handoffStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('handoff'),
  reason: z.enum(['high_risk', 'user_request', 'repeated_failure', 'anger']),
  priority: z.enum(['normal', 'high', 'urgent']).default('normal'),
  text: localizedTextSchema.optional(),
});

/** Ends the flow with an outcome; `failed` and `cancelled` also end a calling flow. */
export const endStepSchema = z.object({
  id: stepIdSchema,
  type: z.literal('end'),
  outcome: z.enum(['completed', 'cancelled', 'failed']).default('completed'),
  text: localizedTextSchema.optional(),
  quickReplies: z.array(localizedTextSchema).default([]),
});

/** Any step of a flow. */
export const flowStepSchema = z.discriminatedUnion('type', [
  slotStepSchema,
  confirmStepSchema,
  actionStepSchema,
  branchStepSchema,
  messageStepSchema,
  setStepSchema,
  subflowStepSchema,
  handoffStepSchema,
  endStepSchema,
]);

/**
 * A task flow declared as data. It starts at its first step; a step without `next`
 * continues with the following step in the list, and the flow completes after the last one.
 */
export const flowDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'flow ids look like "ecommerce.return"'),
    /** The intent that starts this flow; flows without one run only as sub-flows. */
    intent: z.string().min(1).optional(),
    title: localizedTextSchema,
    /** Slots copied into the conversation context when the flow completes, for later flows to reuse. */
    remember: z.array(slotNameSchema).default([]),
    steps: z.array(flowStepSchema).min(1),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set<string>();
    for (const step of flow.steps) {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', message: `duplicate step id "${step.id}"`, path: ['steps'] });
      ids.add(step.id);
    }
    flow.steps.forEach((step, index) => {
      for (const target of stepTargets(step)) {
        if (!ids.has(target)) {
          ctx.addIssue({ code: 'custom', message: `step "${step.id}" points to unknown step "${target}"`, path: ['steps', index] });
        }
      }
      if ((step.type === 'slot' && RESERVED_SLOTS.has(step.slot)) || (step.type === 'set' && Object.keys(step.values).some((k) => RESERVED_SLOTS.has(k)))) {
        ctx.addIssue({ code: 'custom', message: `step "${step.id}" uses a reserved slot name (${[...RESERVED_SLOTS].join(', ')})`, path: ['steps', index] });
      }
      if (step.type === 'slot') {
        if (step.options && step.optionsFrom) {
          ctx.addIssue({ code: 'custom', message: `slot "${step.slot}" has both options and optionsFrom`, path: ['steps', index] });
        }
        if (step.pattern !== undefined && !isValidRegExp(step.pattern)) {
          ctx.addIssue({ code: 'custom', message: `slot "${step.slot}" has an invalid pattern`, path: ['steps', index] });
        }
      }
    });
  });

/** The flows of one industry, as stored in `templates/<industry>/flows.json`. */
export const flowsFileSchema = z.object({
  industry: z.string().min(1),
  flows: z.array(flowDefinitionSchema).min(1),
});

export type SlotOption = z.infer<typeof slotOptionSchema>;
export type SlotStep = z.infer<typeof slotStepSchema>;
export type ConfirmStep = z.infer<typeof confirmStepSchema>;
export type ActionStep = z.infer<typeof actionStepSchema>;
export type FlowStep = z.infer<typeof flowStepSchema>;
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;
export type FlowsFile = z.infer<typeof flowsFileSchema>;

/** Every step id a step can jump to. */
export function stepTargets(step: FlowStep): string[] {
  switch (step.type) {
    case 'slot':
      return [step.next, step.onFail].filter((t): t is string => t !== undefined);
    case 'confirm':
      return [step.yes, step.no];
    case 'action':
      return [step.next, step.onError].filter((t): t is string => t !== undefined);
    case 'branch':
      return [...step.branches.map((b) => b.next), step.default];
    case 'message':
    case 'set':
    case 'subflow':
      return step.next === undefined ? [] : [step.next];
    case 'handoff':
    case 'end':
      return [];
  }
}

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
