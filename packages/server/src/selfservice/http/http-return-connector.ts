import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { ExchangeRequest, Refund, ReturnConnector, ReturnRequest } from '../connectors/return-connector.js';
import { EnterpriseRequestError } from './enterprise-request-error.js';
import type { HttpEnterpriseClient } from './http-enterprise-client.js';
import { remoteCall } from './remote-failure.js';

const refundSchema = z.object({
  orderNo: z.string(),
  amountCents: z.number().int(),
  status: z.enum(['processing', 'completed', 'rejected']),
  channel: z.string(),
  reasonText: z.string().nullable().default(null),
  expectedDate: z.string().nullable().default(null),
  refundedAt: z.coerce.date().nullable().default(null),
});

/**
 * After-sales on a real system: `POST /returns`, `POST /exchanges` (both with an
 * Idempotency-Key, so a retried turn never files twice) and `GET /orders/{no}/refund`.
 * The backend decides eligibility and answers refusals as `{ error: { code, message } }`.
 */
export class HttpReturnConnector implements ReturnConnector {
  constructor(private readonly client: HttpEnterpriseClient) {}

  async createReturn(ctx: ConnectorContext, request: ReturnRequest) {
    const body = await remoteCall(() => this.client.request('POST', '/returns', { body: request, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ rmaNumber: z.string(), pickupWindow: z.string().nullable().default(null), returnAddress: z.string() }).parse(body);
  }

  async createExchange(ctx: ConnectorContext, request: ExchangeRequest) {
    const body = await remoteCall(() => this.client.request('POST', '/exchanges', { body: request, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ exchangeNumber: z.string(), pickupWindow: z.string() }).parse(body);
  }

  async getRefund(_ctx: ConnectorContext, orderNo: string): Promise<Refund | null> {
    try {
      return refundSchema.parse(await this.client.request('GET', `/orders/${encodeURIComponent(orderNo)}/refund`));
    } catch (error) {
      if (error instanceof EnterpriseRequestError && error.status === 404) return null;
      throw error;
    }
  }
}
