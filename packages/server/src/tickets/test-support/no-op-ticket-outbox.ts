import type { TicketOutboxPort } from '../ticket-ports.js';

/** Webhooks off: nothing is queued. Stands in for webhooks/ until the lead merges it. */
export class NoOpTicketOutbox implements TicketOutboxPort {
  async enqueue(): Promise<void> {}
}
