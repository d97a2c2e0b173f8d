import { z } from 'zod';

// The wire shapes of the tickets API, shared by the staff console, the widget and API clients.
// Dates are ISO strings. The widget's shapes are narrower: a customer never sees internal
// notes, assignees' ids, classification confidence or SLA internals.

export const ticketPrioritySchema = z.enum(['P1', 'P2', 'P3', 'P4']);
export const ticketStatusSchema = z.enum(['new', 'open', 'pending_customer', 'resolved', 'closed']);
export const ticketChannelSchema = z.enum(['widget', 'chat', 'console', 'api']);
export const slaClockSchema = z.enum(['first_response', 'next_response', 'resolution']);

/** One SLA clock of a ticket as the console shows it (countdown on every row). */
export const slaClockDtoSchema = z.object({
  clock: slaClockSchema,
  dueAt: z.string(),
  /** Met (responded/resolved) at, else null. */
  metAt: z.string().nullable(),
  /** 'running' | 'paused' (pending_customer) | 'met' | 'breached' (late, still open) | 'met_late'. */
  state: z.enum(['running', 'paused', 'met', 'breached', 'met_late']),
  /** Business minutes left (negative when late); null when met. */
  businessMinutesLeft: z.number().int().nullable(),
});
export type SlaClockDto = z.infer<typeof slaClockDtoSchema>;

export const ticketContactSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });

/** A queue row. */
export const ticketSummaryDtoSchema = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  status: ticketStatusSchema,
  priority: ticketPrioritySchema,
  category: z.object({ id: z.string(), key: z.string(), name: z.string() }).nullable(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  needsTriage: z.boolean(),
  channel: ticketChannelSchema,
  contact: ticketContactSchema,
  breached: z.boolean(),
  /** The nearest open clock (the countdown a row shows), null when none runs. */
  nextDeadline: slaClockDtoSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketSummaryDto = z.infer<typeof ticketSummaryDtoSchema>;

export const ticketDtoSchema = ticketSummaryDtoSchema.extend({
  description: z.string(),
  conversationId: z.string().nullable(),
  customerRef: z.string().nullable(),
  customerTier: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  classification: z
    .object({ categoryKey: z.string().nullable(), confidence: z.number(), priority: ticketPrioritySchema, source: z.enum(['customer', 'nlu', 'rule', 'agent']) })
    .nullable(),
  sla: z.object({ policy: z.object({ id: z.string(), name: z.string() }).nullable(), clocks: z.array(slaClockDtoSchema) }),
  mergedIntoId: z.string().nullable(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), createdAt: z.string() })),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type TicketDto = z.infer<typeof ticketDtoSchema>;

export const ticketEventDtoSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.string(),
  actorType: z.enum(['customer', 'agent', 'system', 'bot', 'api']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  public: z.boolean(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TicketEventDto = z.infer<typeof ticketEventDtoSchema>;

/** What the customer sees of one ticket: plain-Chinese progress, never internal notes. */
export const customerTicketDtoSchema = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  status: ticketStatusSchema,
  /** 处理中 / 待您补充 / 已解决 / 已关闭 … */
  statusText: z.string(),
  category: z.object({ key: z.string(), name: z.string() }).nullable(),
  /** E.g. "已派单至售后服务部，预计今天 16:00 前处理" — from the SLA and the business calendar; null when closed. */
  expectation: z.string().nullable(),
  /** Until when the customer may reopen (7 days after resolution); null when not resolved. */
  reopenUntil: z.string().nullable(),
  canConfirm: z.boolean(),
  canReopen: z.boolean(),
  canAddInfo: z.boolean(),
  timeline: z.array(z.object({ id: z.string(), at: z.string(), text: z.string(), by: z.enum(['customer', 'staff', 'system']), attachments: z.array(z.object({ id: z.string(), filename: z.string() })) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerTicketDto = z.infer<typeof customerTicketDtoSchema>;
