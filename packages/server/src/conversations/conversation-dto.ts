import { z } from 'zod';
import type { ConversationRow, MessageRow } from '../db/schema.js';

export const messageDtoSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  senderType: z.enum(['visitor', 'bot', 'agent', 'system']),
  senderId: z.string().nullable(),
  senderName: z.string().nullable(),
  text: z.string(),
  clientMsgId: z.string().nullable(),
  quickReplies: z.array(z.string()),
  meta: z.record(z.string(), z.unknown()),
  /** A staff-only note; never reaches a visitor. */
  internal: z.boolean(),
  createdAt: z.string(),
});
export type MessageDto = z.infer<typeof messageDtoSchema>;

export const conversationDtoSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  status: z.enum(['open', 'closed']),
  handoff: z.boolean(),
  assigneeId: z.string().nullable(),
  visitor: z.object({ id: z.string(), name: z.string().nullable(), externalId: z.string().nullable(), verified: z.boolean() }),
  lastSeq: z.number().int(),
  lastMessage: z.object({ text: z.string(), senderType: z.string(), createdAt: z.string() }).nullable(),
  disposition: z.enum(['resolved', 'needs_ticket', 'spam']).nullable(),
  /** Where the conversation came in: web widget, app SDK, WeChat, phone… */
  channel: z.enum(['web', 'app', 'wechat_mp', 'wechat_mini', 'wecom_kf', 'phone', 'speaker']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationDto = z.infer<typeof conversationDtoSchema>;

export function toMessageDto(row: MessageRow): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    senderType: row.sender_type,
    senderId: row.sender_id,
    senderName: row.sender_name,
    text: row.text,
    clientMsgId: row.client_msg_id,
    quickReplies: row.quick_replies,
    meta: row.meta,
    internal: row.internal,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export interface ConversationListRow extends ConversationRow {
  visitor_name: string | null;
  visitor_external_id: string | null;
  visitor_verified: boolean;
  last_text: string | null;
  last_sender_type: string | null;
  last_created_at: Date | null;
}

export function toConversationDto(row: ConversationListRow): ConversationDto {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    handoff: row.handoff,
    assigneeId: row.assignee_id,
    visitor: { id: row.visitor_id, name: row.visitor_name, externalId: row.visitor_external_id, verified: row.visitor_verified },
    lastSeq: row.last_seq,
    lastMessage:
      row.last_text !== null && row.last_sender_type !== null && row.last_created_at !== null
        ? { text: row.last_text, senderType: row.last_sender_type, createdAt: new Date(row.last_created_at).toISOString() }
        : null,
    disposition: row.disposition,
    channel: row.channel,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
