import type { CustomerTicket, NewTicket, TicketCategory } from '../customer-ticket-schema.js';
import type { TicketApiClient } from '../ticket-api-client.js';
import type { VisitorSession } from '../widget-api-client.js';
import { WidgetApiError } from '../widget-api-error.js';
import { customerTicketFixture } from './customer-ticket-fixture.js';

type TicketApi = Pick<TicketApiClient, 'listCategories' | 'submit' | 'listMine' | 'get' | 'addInfo' | 'confirm' | 'reopen' | 'downloadAttachment'>;

/**
 * An in-memory stand-in for the widget's ticket routes with the contract's semantics: only the
 * visitor's own tickets, a reply reopens nothing but adds to the timeline, confirm closes a
 * resolved ticket, reopen works while the window is open. Tests change tickets "from the console"
 * with `staffReply` / `resolve`.
 */
export class FakeTicketServer implements TicketApi {
  readonly tickets: CustomerTicket[] = [];
  readonly calls: string[] = [];
  readonly categories: TicketCategory[] = [{ id: 'cat-1', key: 'return_exchange', name: '退换货', fields: [] }];
  /** The next call fails with this (then it is cleared). */
  failNext: WidgetApiError | null = null;
  #seq = 6;

  async listCategories(_session: VisitorSession): Promise<TicketCategory[]> {
    this.#enter('categories');
    return this.categories;
  }

  async submit(_session: VisitorSession, input: NewTicket): Promise<CustomerTicket> {
    this.#enter(`submit ${input.description}`);
    const n = ++this.#seq;
    const ticket = customerTicketFixture({
      id: `t-${n}`,
      number: `GD2026120600${String(n).padStart(2, '0')}`,
      description: input.description,
      subject: `退换货：${input.description}`,
      timeline: [{ id: `e-${n}-1`, at: '2026-12-06T07:00:00.000Z', text: '工单已提交', by: 'system', attachments: (input.attachments ?? []).map((a, i) => ({ id: `a-${i}`, filename: a.filename })) }],
    });
    this.tickets.unshift(ticket);
    return ticket;
  }

  async listMine(_session: VisitorSession): Promise<CustomerTicket[]> {
    this.#enter('list');
    return [...this.tickets];
  }

  async get(_session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    this.#enter(`get ${ticketId}`);
    return this.#find(ticketId);
  }

  async addInfo(_session: VisitorSession, ticketId: string, reply: { body: string }): Promise<CustomerTicket> {
    this.#enter(`reply ${ticketId} ${reply.body}`);
    return this.#change(ticketId, (t) => ({ timeline: [...t.timeline, { id: `e-${t.timeline.length + 1}`, at: '2026-12-06T08:00:00.000Z', text: reply.body, by: 'customer', attachments: [] }] }));
  }

  async confirm(_session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    this.#enter(`confirm ${ticketId}`);
    if (!this.#find(ticketId).canConfirm) throw new WidgetApiError('invalid_state', 409, '工单尚未解决，无法确认');
    return this.#change(ticketId, () => ({ status: 'closed', statusText: '已关闭', canConfirm: false, canReopen: false, canAddInfo: false, expectation: null }));
  }

  async reopen(_session: VisitorSession, ticketId: string): Promise<CustomerTicket> {
    this.#enter(`reopen ${ticketId}`);
    if (!this.#find(ticketId).canReopen) throw new WidgetApiError('invalid_state', 409, '已超过 7 天，无法重新打开');
    return this.#change(ticketId, () => ({ status: 'open', statusText: '处理中', canConfirm: false, canReopen: false, canAddInfo: true, reopenUntil: null }));
  }

  async downloadAttachment(_session: VisitorSession, ticketId: string, attachmentId: string): Promise<Blob> {
    this.#enter(`download ${ticketId} ${attachmentId}`);
    return new Blob(['%PDF-'], { type: 'application/pdf' });
  }

  /** An agent answers in the console. */
  staffReply(ticketId: string, text: string): CustomerTicket {
    return this.#change(ticketId, (t) => ({ status: 'open', statusText: '处理中', timeline: [...t.timeline, { id: `e-${t.timeline.length + 1}`, at: '2026-12-06T09:00:00.000Z', text, by: 'staff', attachments: [] }] }));
  }

  /** An agent resolves the ticket; the customer may confirm, or reopen until `reopenUntil`. */
  resolve(ticketId: string, reopenUntil = '2026-12-13T09:00:00.000Z'): CustomerTicket {
    return this.#change(ticketId, () => ({ status: 'resolved', statusText: '已解决', canConfirm: true, canReopen: true, reopenUntil }));
  }

  #find(ticketId: string): CustomerTicket {
    const ticket = this.tickets.find((t) => t.id === ticketId);
    if (!ticket) throw new WidgetApiError('not_found', 404, '工单不存在');
    return ticket;
  }

  #change(ticketId: string, patch: (t: CustomerTicket) => Partial<CustomerTicket>): CustomerTicket {
    const index = this.tickets.findIndex((t) => t.id === ticketId);
    const current = this.#find(ticketId);
    const next = { ...current, ...patch(current), updatedAt: '2026-12-06T09:30:00.000Z' };
    this.tickets[index] = next;
    return next;
  }

  #enter(call: string): void {
    this.calls.push(call);
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
  }
}
