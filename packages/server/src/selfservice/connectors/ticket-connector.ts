import type { ConnectorContext } from './connector-context.js';

/** One ticket as the customer may see it in the chat: what the widget's 我的工单 shows of it. */
export interface CustomerTicketStatus {
  number: string;
  /** The category's name (退换货), null when not categorised yet. */
  categoryName: string | null;
  /** 处理中 / 待您补充信息 / 已解决，请确认 … */
  statusText: string;
  /** The latest step of its timeline the system wrote ("已派单至售后服务部"); null when none. */
  progress: string | null;
  /** When staff will act next ("预计今天 16:00 前处理"); null when no clock runs (resolved, closed). */
  expectation: string | null;
}

/** Complaints and other cases a person follows up. */
export interface TicketConnector {
  create(ctx: ConnectorContext, ticket: { category: string; description: string }): Promise<{ ticketNumber: string; responseHours: number }>;
  /** The ticket with this number if the conversation's visitor may see it (their own, or their verified customer's); else null. */
  findForCustomer(ctx: ConnectorContext, ticketNumber: string): Promise<CustomerTicketStatus | null>;
  /** The conversation's visitor's open tickets, newest first, at most `limit`. */
  openForCustomer(ctx: ConnectorContext, limit: number): Promise<CustomerTicketStatus[]>;
}
