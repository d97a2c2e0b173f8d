import { customerRecordsDto } from '@zhida/connector-contract';
import type { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerRecordConnector, CustomerRecordSet, CustomerRecordSubject } from '../connectors/customer-record-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

type WireRecords = z.infer<typeof customerRecordsDto>;

const at = (iso: string): Date => new Date(iso);
const atOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** The contract carries ISO-8601 strings (it is JSON); the port hands out Dates. */
function withDates(wire: WireRecords): CustomerRecordSet {
  return {
    ...wire,
    orders: wire.orders.map((o) => ({ ...o, orderedAt: at(o.orderedAt), shippedAt: atOrNull(o.shippedAt), deliveredAt: atOrNull(o.deliveredAt) })),
    refunds: wire.refunds.map((r) => ({ ...r, orderedAt: at(r.orderedAt) })),
    returns: wire.returns.map((r) => ({ ...r, statusChangedAt: atOrNull(r.statusChangedAt), createdAt: at(r.createdAt), next: r.next && { status: r.next.status, at: at(r.next.at) } })),
    serviceRequests: wire.serviceRequests.map((r) => ({ ...r, createdAt: at(r.createdAt) })),
    phoneLines: wire.phoneLines.map((l) => ({ ...l, usage: l.usage && { ...l.usage, asOf: at(l.usage.asOf) } })),
    applications: wire.applications.map((a) => ({ ...a, createdAt: at(a.createdAt) })),
  };
}

/**
 * A customer's records: `GET /customer-records?customerId=…&customerId=…&conversationId=…&limit=` (a customer the
 * backend does not know has none). Outages propagate: the callers (search, context panel, recommendations) decide
 * how to do without.
 */
export class HttpCustomerRecordConnector implements CustomerRecordConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async records(ctx: Pick<ConnectorContext, 'tenantId'>, subject: CustomerRecordSubject, limit: number): Promise<CustomerRecordSet> {
    const query = new URLSearchParams();
    for (const id of subject.customerIds) query.append('customerId', id);
    if (subject.conversationId) query.set('conversationId', subject.conversationId);
    query.set('limit', String(limit));
    return withDates(customerRecordsDto.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/customer-records?${query}`))));
  }
}
