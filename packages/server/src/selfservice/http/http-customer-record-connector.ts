import { z } from 'zod';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerRecordConnector, CustomerRecordSet, CustomerRecordSubject } from '../connectors/customer-record-connector.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const date = z.coerce.date();
const recordSetSchema = z.object({
  customers: z.array(z.object({ customerId: z.string(), name: z.string(), mobile: z.string() })),
  orders: z.array(
    z.object({
      orderNo: z.string(),
      itemSummary: z.string(),
      status: z.enum(['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled']),
      amountCents: z.number().int(),
      carrier: z.string().nullable(),
      trackingNo: z.string().nullable(),
      orderedAt: date,
      shippedAt: date.nullable(),
      deliveredAt: date.nullable(),
      expectedDelivery: z.string().nullable(),
    }),
  ),
  refunds: z.array(z.object({ orderNo: z.string(), status: z.enum(['processing', 'completed', 'rejected']), orderedAt: date })),
  returns: z.array(
    z.object({
      reference: z.string(),
      kind: z.enum(['return', 'exchange']),
      orderNo: z.string(),
      reason: z.string(),
      status: z.string(),
      method: z.string().nullable(),
      newSpec: z.string().nullable(),
      itemSummary: z.string(),
      statusChangedAt: date.nullable(),
      createdAt: date,
    }),
  ),
  serviceRequests: z.array(z.object({ reference: z.string(), kind: z.string(), subject: z.string(), detail: z.record(z.string(), z.unknown()), createdAt: date })),
  accounts: z.array(z.object({ accountLast4: z.string(), availableCents: z.number().int(), ledgerCents: z.number().int() })),
  cards: z.array(z.object({ last4: z.string(), kind: z.string(), status: z.string() })),
  cardBills: z.array(z.object({ cardLast4: z.string(), month: z.string(), amountDueCents: z.number().int(), dueDate: z.string() })),
  transfers: z.array(z.object({ transferId: z.string(), day: z.string(), amountCents: z.number().int(), status: z.enum(['completed', 'processing', 'returned']) })),
  phoneLines: z.array(
    z.object({
      mobile: z.string(),
      name: z.string(),
      planId: z.string(),
      planName: z.string().nullable(),
      arrearsCents: z.number().int(),
      contractUntil: z.string().nullable(),
      broadbandAccount: z.string().nullable(),
      broadbandAddress: z.string().nullable(),
      usage: z.object({ totalGb: z.number(), usedGb: z.number(), asOf: date }).nullable(),
    }),
  ),
  appointments: z.array(
    z.object({
      reference: z.string(),
      name: z.string(),
      serviceName: z.string().nullable(),
      location: z.string().nullable(),
      day: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      owned: z.boolean(),
      inConversation: z.boolean(),
    }),
  ),
  applications: z.array(
    z.object({
      reference: z.string(),
      serviceName: z.string(),
      stage: z.string(),
      expectedDate: z.string().nullable(),
      awaitingMaterials: z.boolean(),
      createdAt: date,
      owned: z.boolean(),
      filedInConversation: z.boolean(),
      inConversation: z.boolean(),
    }),
  ),
  planNames: z.record(z.string(), z.string()),
});

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
    return recordSetSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `/customer-records?${query}`)));
  }
}
