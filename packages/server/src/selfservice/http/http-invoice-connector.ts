import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { InvoiceConnector, InvoiceRequest } from '../connectors/invoice-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

/**
 * Electronic invoices on a real system: `POST /invoices` (with an Idempotency-Key).
 * Refusals: `order_not_found`, `not_eligible`, `tax_id_required`.
 */
export class HttpInvoiceConnector implements InvoiceConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async request(ctx: ConnectorContext, request: InvoiceRequest) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', '/invoices', { body: request, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ requestNumber: z.string(), expectedDays: z.number().int() }).parse(body);
  }
}
