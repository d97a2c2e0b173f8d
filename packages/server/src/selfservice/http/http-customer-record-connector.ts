import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerRecordConnector, CustomerRecordSet } from '../connectors/customer-record-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const recordSetSchema = z.object({
  orders: z.array(z.object({ orderNo: z.string(), itemSummary: z.string(), status: z.enum(['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled']), orderedAt: z.coerce.date() })),
  returns: z.array(
    z.object({
      reference: z.string(),
      kind: z.enum(['return', 'exchange']),
      status: z.string(),
      method: z.string().nullable(),
      newSpec: z.string().nullable(),
      itemSummary: z.string(),
      statusChangedAt: z.coerce.date().nullable(),
      createdAt: z.coerce.date(),
    }),
  ),
  serviceRequests: z.array(z.object({ reference: z.string(), kind: z.string(), subject: z.string(), detail: z.record(z.string(), z.unknown()), createdAt: z.coerce.date() })),
  appointments: z.array(z.object({ reference: z.string(), serviceName: z.string().nullable(), day: z.string(), startTime: z.string(), endTime: z.string() })),
  applications: z.array(z.object({ reference: z.string(), serviceName: z.string(), stage: z.string(), expectedDate: z.string().nullable(), createdAt: z.coerce.date() })),
  planNames: z.record(z.string(), z.string()),
});

/** A customer's own records: `GET /customers/{customerId}/records?limit=` (a customer the backend does not know has none). */
export class HttpCustomerRecordConnector implements CustomerRecordConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async records(ctx: Pick<ConnectorContext, 'tenantId'>, customerId: string, limit: number): Promise<CustomerRecordSet> {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/customers/${encodeURIComponent(customerId)}/records?limit=${limit}`));
    return recordSetSchema.parse(body);
  }
}
