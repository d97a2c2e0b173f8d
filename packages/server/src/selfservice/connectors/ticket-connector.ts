import type { ConnectorContext } from './connector-context.js';

/** Complaints and other cases a person follows up. */
export interface TicketConnector {
  create(ctx: ConnectorContext, ticket: { category: string; description: string }): Promise<{ ticketNumber: string; responseHours: number }>;
}
