import * as z from 'zod/mini';
import { CustomerTicketSchema, TicketCategorySchema, type CustomerTicket, type NewTicket, type TicketAttachmentUpload, type TicketCategory } from './customer-ticket-schema.js';
import { requestJson, sendApiRequest, type ApiEndpoint, type ApiRequest } from './json-request.js';
import type { VisitorSession } from './widget-api-client.js';

const CategoryListSchema = z.object({ items: z.array(TicketCategorySchema) });
const TicketListSchema = z.object({ items: z.array(CustomerTicketSchema) });

const REQUEST_TIMEOUT_MS = 15_000;
/** Up to three 5 MB files, base64-encoded, may take a while on a phone's uplink. */
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * The visitor's side of the tickets API (docs/design/tickets.md, "Widget"): 提交工单 and 我的工单.
 * Calls are authorised by the chat's visitor token; failures are WidgetApiErrors whose message is
 * the server's own (Chinese) explanation when it sent one.
 *
 * @example
 * const tickets = new TicketApiClient('https://cs.example.com', fetch);
 * const created = await tickets.submit(session, { categoryId, description: '快递三天没动了', contact: {} });
 */
export class TicketApiClient {
  readonly #endpoint: ApiEndpoint;

  constructor(origin: string, fetchFn: typeof fetch, now: () => number = () => Date.now()) {
    this.#endpoint = { origin: origin.replace(/\/+$/, ''), fetchFn, now };
  }

  async listCategories(session: VisitorSession): Promise<TicketCategory[]> {
    const page = await this.#request('/api/v1/widget/ticket-categories', { method: 'GET', token: session.visitorToken }, CategoryListSchema);
    return page.items;
  }

  submit(session: VisitorSession, ticket: NewTicket): Promise<CustomerTicket> {
    const body: NewTicket = { categoryId: ticket.categoryId, description: ticket.description, contact: withoutBlanks(ticket.contact) };
    if (ticket.fields && Object.keys(ticket.fields).length > 0) body.fields = ticket.fields;
    body.conversationId = ticket.conversationId ?? session.conversationId;
    if (ticket.attachments && ticket.attachments.length > 0) body.attachments = ticket.attachments;
    return this.#request('/api/v1/widget/tickets', { method: 'POST', body, token: session.visitorToken, timeoutMs: UPLOAD_TIMEOUT_MS }, CustomerTicketSchema);
  }

  /** The visitor's own tickets (their conversations', or all of a verified customer's). */
  async listMine(session: VisitorSession): Promise<CustomerTicket[]> {
    const page = await this.#request('/api/v1/widget/tickets', { method: 'GET', token: session.visitorToken }, TicketListSchema);
    return page.items;
  }

  get(session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    return this.#request(ticketPath(ticketId), { method: 'GET', token: session.visitorToken }, CustomerTicketSchema);
  }

  /** 补充信息: a reply from the customer, with optional evidence. */
  addInfo(session: VisitorSession, ticketId: string, reply: { body: string; attachments?: TicketAttachmentUpload[] }): Promise<CustomerTicket> {
    const body: { body: string; attachments?: TicketAttachmentUpload[] } = { body: reply.body };
    if (reply.attachments && reply.attachments.length > 0) body.attachments = reply.attachments;
    return this.#request(`${ticketPath(ticketId)}/replies`, { method: 'POST', body, token: session.visitorToken, timeoutMs: UPLOAD_TIMEOUT_MS }, CustomerTicketSchema);
  }

  /** 确认已解决: closes a resolved ticket. */
  confirm(session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    return this.#request(`${ticketPath(ticketId)}/confirm`, { method: 'POST', body: {}, token: session.visitorToken }, CustomerTicketSchema);
  }

  /** 重新打开: a resolved ticket within its reopen window. */
  reopen(session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    return this.#request(`${ticketPath(ticketId)}/reopen`, { method: 'POST', body: {}, token: session.visitorToken }, CustomerTicketSchema);
  }

  /** The bytes of an attachment; it needs the visitor token, so a plain link would not do. */
  async downloadAttachment(session: VisitorSession, ticketId: string, attachmentId: string): Promise<Blob> {
    const response = await sendApiRequest(this.#endpoint, `${ticketPath(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`, {
      method: 'GET',
      token: session.visitorToken,
      timeoutMs: UPLOAD_TIMEOUT_MS,
    });
    return response.blob();
  }

  #request<S extends z.ZodMiniType>(path: string, init: Omit<ApiRequest, 'timeoutMs'> & { timeoutMs?: number }, schema: S): Promise<z.infer<S>> {
    return requestJson(this.#endpoint, path, { ...init, timeoutMs: init.timeoutMs ?? REQUEST_TIMEOUT_MS }, schema);
  }
}

function ticketPath(ticketId: string): string {
  return `/api/v1/widget/tickets/${encodeURIComponent(ticketId)}`;
}

/** The server treats an empty string as a value to validate; an unanswered field is simply left out. */
function withoutBlanks(contact: NewTicket['contact']): NewTicket['contact'] {
  const out: NewTicket['contact'] = {};
  for (const key of ['name', 'phone', 'email'] as const) {
    const value = contact[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}
