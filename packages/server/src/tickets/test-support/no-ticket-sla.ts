import type { TicketSlaPort } from '../ticket-ports.js';

/**
 * SLA = none: no policy, no deadlines, no expectation. Stands in for tickets/sla until the lead
 * merges it; a ticket service on it behaves as if the tenant had no SLA policies.
 */
export class NoTicketSla implements TicketSlaPort {
  async recompute(): Promise<void> {}

  async clocks() {
    return [];
  }

  async expectation(): Promise<string | null> {
    return null;
  }
}
