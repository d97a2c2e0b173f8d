import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { Order, OrderConnector } from '../connectors/order-connector.js';
import { EnterpriseRequestError } from './enterprise-request-error.js';
import type { HttpEnterpriseClient } from './http-enterprise-client.js';
import { remoteCall } from './remote-failure.js';

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
  constructor(private readonly client: HttpEnterpriseClient) {}

  async get(_ctx: ConnectorContext, orderNo: string): Promise<Order | null> {
    try {
      return orderDtoSchema.parse(await this.client.request('GET', `/orders/${encodeURIComponent(orderNo)}`));
    } catch (error) {
      if (error instanceof EnterpriseRequestError && error.status === 404) return null;
      throw error;
    }
  }

  async updateAddress(ctx: ConnectorContext, orderNo: string, address: string): Promise<Order> {
    const body = await remoteCall(() => this.client.request('PUT', `/orders/${encodeURIComponent(orderNo)}/address`, { body: { address }, idempotencyKey: ctx.idempotencyKey }));
    return orderDtoSchema.parse(body);
  }

  async cancel(ctx: ConnectorContext, orderNo: string): Promise<{ order: Order; refundCents: number }> {
    const body = await remoteCall(() => this.client.request('POST', `/orders/${encodeURIComponent(orderNo)}/cancel`, { body: {}, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ order: orderDtoSchema, refundCents: z.number().int() }).parse(body);
  }
}
