import { z } from 'zod';
import { conversationDtoSchema, messageDtoSchema } from '../../conversations/conversation-dto.js';
import { conversationUnderstandingSchema } from './conversation-understanding.js';
import { customerRecordSchema } from './customer-records-reader.js';

export const customerTicketSchema = z.object({ id: z.string(), number: z.string(), status: z.string(), title: z.string(), createdAt: z.string() });

export const handoffSnapshotSchema = z.object({
  requestId: z.string(),
  status: z.string(),
  reason: z.string(),
  priority: z.number().int(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  queuedAt: z.string(),
  assignedTo: z.string().nullable(),
  transferNote: z.string().nullable(),
});

/** `GET /conversations/:id/context` (docs/design/handoff.md, "Context in under a second"). */
export const conversationContextSchema = z.object({
  conversation: conversationDtoSchema,
  messages: z.array(messageDtoSchema),
  customer: z.object({
    visitorId: z.string(),
    name: z.string().nullable(),
    verified: z.boolean(),
    externalId: z.string().nullable(),
    records: z.array(customerRecordSchema),
    tickets: z.array(customerTicketSchema),
  }),
  understanding: conversationUnderstandingSchema,
  handoff: handoffSnapshotSchema.nullable(),
  summary: z.string(),
});
export type ConversationContext = z.infer<typeof conversationContextSchema>;
export type HandoffSnapshot = z.infer<typeof handoffSnapshotSchema>;
