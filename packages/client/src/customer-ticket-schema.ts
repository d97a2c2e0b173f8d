import * as z from 'zod/mini';

/**
 * The ticket shapes of the widget API (docs/design/tickets.md, "Widget"), mirroring the server's
 * `CustomerTicketDto` without importing server code. Unknown fields are stripped so a newer
 * server does not break an older widget.
 */
export const TicketStatusSchema = z.enum(['new', 'open', 'pending_customer', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** Field types the form knows how to ask for; anything newer is asked for as plain text. */
export const TICKET_FIELD_TYPES = ['text', 'phone', 'order_number', 'date', 'number', 'select'] as const;
export type TicketFieldType = (typeof TICKET_FIELD_TYPES)[number];

/** One extra field a category asks for (e.g. the order number of a return). */
export const TicketFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.catch(z.enum(TICKET_FIELD_TYPES), 'text'),
  required: z._default(z.boolean(), false),
  options: z.optional(z.array(z.string())),
});
export type TicketField = z.infer<typeof TicketFieldSchema>;

export const TicketCategorySchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  fields: z._default(z.array(TicketFieldSchema), []),
});
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

export const TicketTimelineItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  text: z.string(),
  by: z.enum(['customer', 'staff', 'system']),
  attachments: z._default(z.array(z.object({ id: z.string(), filename: z.string() })), []),
});
export type TicketTimelineItem = z.infer<typeof TicketTimelineItemSchema>;

export const CustomerTicketSchema = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  status: TicketStatusSchema,
  /** 处理中 / 待您补充 / 已解决 / 已关闭 …, worded by the server. */
  statusText: z.string(),
  category: z.nullable(z.object({ key: z.string(), name: z.string() })),
  /** E.g. "已派单至售后服务部，预计今天 16:00 前处理"; null when closed. */
  expectation: z.nullable(z.string()),
  /** Until when the customer may reopen; null when not resolved. */
  reopenUntil: z.nullable(z.string()),
  canConfirm: z.boolean(),
  canReopen: z.boolean(),
  canAddInfo: z.boolean(),
  timeline: z.array(TicketTimelineItemSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerTicket = z.infer<typeof CustomerTicketSchema>;

/** A file as the API takes it: the bytes travel base64-encoded inside the JSON body. */
export interface TicketAttachmentUpload {
  filename: string;
  contentType: string;
  dataBase64: string;
}

/** What the visitor submits from the 提交工单 form. */
export interface NewTicket {
  categoryId: string;
  description: string;
  contact: { name?: string; phone?: string; email?: string };
  fields?: Record<string, string | number>;
  conversationId?: string;
  attachments?: TicketAttachmentUpload[];
}
