import * as z from 'zod/mini';

/** Who wrote a message; decides bubble side, label and styling. */
export const SenderTypeSchema = z.enum(['visitor', 'bot', 'agent', 'system']);
export type SenderType = z.infer<typeof SenderTypeSchema>;

/**
 * A stored conversation message as the server sends it (REST and Socket.IO alike).
 * Unknown fields are stripped so a newer server does not break an older widget.
 */
export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number(),
  senderType: SenderTypeSchema,
  senderId: z.nullable(z.string()),
  senderName: z.nullable(z.string()),
  text: z.string(),
  clientMsgId: z.nullable(z.string()),
  quickReplies: z._default(z.array(z.string()), []),
  createdAt: z.string(),
  /** What the message is beyond its text: `kind` ('survey' carries the satisfaction survey, 'answered'… a bot answer, 'completed' a task just finished — the widget then offers 猜你想办). */
  meta: z.optional(z.record(z.string(), z.unknown())),
  /** Staff-only notes; the server never sends them to a visitor, and the timeline drops any that slip through. */
  internal: z.optional(z.boolean()),
});
export type Message = z.infer<typeof MessageSchema>;
