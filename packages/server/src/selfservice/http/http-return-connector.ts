import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { ExchangeRequest, Refund, ReturnConnector, ReturnRequest } from '../connectors/return-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall, remoteLookup } from './remote-failure.js';

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
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async createReturn(ctx: ConnectorContext, request: ReturnRequest) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/returns', { body: request, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ rmaNumber: z.string(), pickupWindow: z.string().nullable().default(null), returnAddress: z.string() }).parse(body);
  }

  async createExchange(ctx: ConnectorContext, request: ExchangeRequest) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/exchanges', { body: request, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ exchangeNumber: z.string(), pickupWindow: z.string() }).parse(body);
  }

  async getRefund(ctx: ConnectorContext, orderNo: string): Promise<Refund | null> {
    const body = await remoteLookup(() => this.clientFor(ctx.tenantId).request('GET', `/orders/${encodeURIComponent(orderNo)}/refund`));
    return body === null ? null : refundSchema.parse(body);
  }
}
