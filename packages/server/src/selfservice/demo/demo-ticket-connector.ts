import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerTicketStatus, TicketConnector } from '../connectors/ticket-connector.js';
import { nextReference } from '../reference-numbers.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/**
 * Complaints get a `GD…` number and a 24-hour response promise. Its requests are never worked on,
 * so every one reads as registered and waiting; a visitor sees those of the conversation, and a
 * verified customer all of theirs.
 */
export class DemoTicketConnector implements TicketConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async create(ctx: ConnectorContext, ticket: { category: string; description: string }) {
    const ticketNumber = await nextReference(this.db, ctx.tenantId, 'GD', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: ticketNumber, kind: `ticket:${ticket.category}`, subject: ticket.description.slice(0, 200), detail: JSON.stringify(ticket), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    return { ticketNumber, responseHours: ticket.category === 'complaint' ? 24 : 48 };
  }

  async findForCustomer(ctx: ConnectorContext, ticketNumber: string): Promise<CustomerTicketStatus | null> {
    return (await this.visible(ctx, ticketNumber.toUpperCase(), 1))[0] ?? null;
  }

  async openForCustomer(ctx: ConnectorContext, limit: number): Promise<CustomerTicketStatus[]> {
    return this.visible(ctx, null, limit);
  }

  private async visible(ctx: ConnectorContext, reference: string | null, limit: number): Promise<CustomerTicketStatus[]> {
    const customerId = await conversationCustomerId(this.db, ctx);
    let q = this.db
      .selectFrom('demo_service_requests')
      .select(['reference'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('kind', 'like', 'ticket:%')
      .where((eb) => (customerId ? eb.or([eb('conversation_id', '=', ctx.conversationId), eb('customer_id', '=', customerId)]) : eb('conversation_id', '=', ctx.conversationId)));
    if (reference) q = q.where('reference', '=', reference);
    const rows = await q.orderBy('reference', 'desc').limit(limit).execute();
    return rows.map((r) => ({ number: r.reference, categoryName: null, statusText: '已登记，等待专员处理', progress: null, expectation: null }));
  }
}
