import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { LogisticsConnector, Shipment } from '../connectors/logistics-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const shipmentSchema = z.object({
  orderNo: z.string(),
  carrier: z.string(),
  trackingNo: z.string(),
  expectedDelivery: z.string().nullable().default(null),
  delivered: z.boolean(),
  events: z.array(z.object({ at: z.coerce.date(), description: z.string() })),
});

/**
 * Parcels on a real system: `GET /orders/{no}/shipment` (events newest first) and
 * `POST /orders/{no}/urge` (with an Idempotency-Key). Refusals: `order_not_found`, `not_shipped`, `already_delivered`.
 */
export class HttpLogisticsConnector implements LogisticsConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async track(ctx: ConnectorContext, orderNo: string): Promise<Shipment> {
    return shipmentSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/orders/${encodeURIComponent(orderNo)}/shipment`)));
  }

  async urge(ctx: ConnectorContext, orderNo: string) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', `/orders/${encodeURIComponent(orderNo)}/urge`, { body: {}, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ ticketNumber: z.string(), responseHours: z.number().int() }).parse(body);
  }
}
