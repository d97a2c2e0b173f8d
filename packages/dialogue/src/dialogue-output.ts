import { z } from 'zod';
import { botReplySchema, dialogueStateSchema } from './dialogue-state.js';
import { turnRecordSchema } from './turn-record.js';

/** Why and how urgently a person must take over. */
export const handoffRequestSchema = z.object({
  reason: z.enum(['high_risk', 'user_request', 'repeated_failure', 'anger']),
  priority: z.enum(['normal', 'high', 'urgent']),
});

/** A connector call the server must perform, answering with an `action_result` carrying the same `id`. */
export const actionRequestSchema = z.object({
  id: z.string(),
  name: z.string(),
  args: z.record(z.string(), z.unknown()),
});

/** Everything `DialogueManager.handle` returns. */
export const dialogueOutputSchema = z.object({
  state: dialogueStateSchema,
  replies: z.array(botReplySchema),
  action: actionRequestSchema.optional(),
  handoff: handoffRequestSchema.optional(),
  record: turnRecordSchema,
});

export type HandoffRequest = z.infer<typeof handoffRequestSchema>;
export type ActionRequest = z.infer<typeof actionRequestSchema>;
export type DialogueOutput = z.infer<typeof dialogueOutputSchema>;
