import type { ConnectorContext } from '../connectors/connector-context.js';
import type { TicketConnector } from '../connectors/ticket-connector.js';
import { nextReference } from '../reference-numbers.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/** Complaints get a `GD…` number and a 24-hour response promise. */
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
}
