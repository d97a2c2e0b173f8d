import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { maskPiiDeep } from '../privacy/pii-masking.js';
import type { TicketOutboxPort } from '../tickets/ticket-ports.js';
import type { TicketDatabase } from '../tickets/ticket-schema.js';

/** The body every endpoint receives, signed as is. */
export interface WebhookPayload {
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The transactional outbox: an event becomes one `webhook_deliveries` row per active endpoint of
 * the tenant that subscribes to it, written in the caller's transaction — so a ticket change that
 * rolls back sends nothing, and one that commits is delivered even if the process dies right after.
 * The WebhookDeliveryRunner sends the rows.
 * @example
 * await db.transaction().execute(async (trx) => {
 *   // … change the ticket …
 *   await outbox.enqueue(trx, tenantId, 'ticket.created', { ticketId, number });
 * });
 */
export class WebhookOutbox implements TicketOutboxPort {
  constructor(private readonly now: () => Date = () => new Date()) {}

  async enqueue(trx: Kysely<TicketDatabase>, tenantId: string, eventType: string, data: Record<string, unknown>): Promise<void> {
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .select(['id', 'event_types'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', true)
      .execute();
    const subscribed = endpoints.filter((e) => e.event_types.length === 0 || e.event_types.includes(eventType));
    await this.insert(trx, tenantId, subscribed.map((e) => e.id), eventType, data);
  }

  /** Queues an event for one endpoint whatever it subscribes to (the admin's test event); returns the delivery id. */
  async enqueueFor(trx: Kysely<TicketDatabase>, tenantId: string, endpointId: string, eventType: string, data: Record<string, unknown>): Promise<string> {
    const [id] = await this.insert(trx, tenantId, [endpointId], eventType, data);
    return id!;
  }

  private async insert(trx: Kysely<TicketDatabase>, tenantId: string, endpointIds: string[], eventType: string, data: Record<string, unknown>): Promise<string[]> {
    if (endpointIds.length === 0) return [];
    const now = this.now();
    // Stored and sent masked (PIPL minimisation): receivers get ticket numbers and ids to look details up, not raw phone/ID/card numbers.
    const payload: WebhookPayload = { type: eventType, timestamp: now.toISOString(), data: maskPiiDeep(data) };
    const rows = endpointIds.map((endpointId) => ({
      id: randomUUID(),
      tenant_id: tenantId,
      endpoint_id: endpointId,
      event_type: eventType,
      payload: JSON.stringify(payload),
      next_attempt_at: now,
    }));
    await trx.insertInto('webhook_deliveries').values(rows).execute();
    return rows.map((r) => r.id);
  }
}
