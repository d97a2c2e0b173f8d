import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { Order, OrderConnector } from '../connectors/order-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall, remoteLookup } from './remote-failure.js';

/** The order document a CRM/ERP returns; validated, because it comes from outside. */
export const orderDtoSchema = z.object({
  orderNo: z.string(),
  productId: z.string(),
  itemSummary: z.string(),
  amountCents: z.number().int(),
  status: z.enum(['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled']),
  address: z.string(),
  carrier: z.string().nullable().default(null),
  trackingNo: z.string().nullable().default(null),
  orderedAt: z.coerce.date(),
  deliveredAt: z.coerce.date().nullable().default(null),
  latestEvent: z.object({ at: z.coerce.date(), description: z.string() }).nullable().default(null),
});

/**
 * Orders from a real shop system over HttpEnterpriseClient:
 * `GET /orders/{no}`, `PUT /orders/{no}/address`, `POST /orders/{no}/cancel`.
 * One client per tenant (its own base URL and secret).
 */
export class HttpOrderConnector implements OrderConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async get(ctx: ConnectorContext, orderNo: string): Promise<Order | null> {
    const body = await remoteLookup(() => this.clientFor(ctx.tenantId).request('GET', `/orders/${encodeURIComponent(orderNo)}`));
    return body === null ? null : orderDtoSchema.parse(body);
  }

  async updateAddress(ctx: ConnectorContext, orderNo: string, address: string): Promise<Order> {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('PUT', `/orders/${encodeURIComponent(orderNo)}/address`, { body: { address }, idempotencyKey: ctx.idempotencyKey }));
    return orderDtoSchema.parse(body);
  }

  async cancel(ctx: ConnectorContext, orderNo: string): Promise<{ order: Order; refundCents: number }> {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', `/orders/${encodeURIComponent(orderNo)}/cancel`, { body: {}, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ order: orderDtoSchema, refundCents: z.number().int() }).parse(body);
  }
}
