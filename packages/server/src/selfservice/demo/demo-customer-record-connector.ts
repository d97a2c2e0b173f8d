import { sql } from 'kysely';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { CustomerRecordConnector, CustomerRecordSet } from '../connectors/customer-record-connector.js';
import type { SelfServiceDb } from '../self-service-db.js';

/**
 * The records of a demo customer from the in-process demo tables. Orders and service requests carry
 * `customer_id`; the other tables do not, so their owner is derived (see `returns`, `appointments`,
 * `applications`).
 */
export class DemoCustomerRecordConnector implements CustomerRecordConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async records(ctx: Pick<ConnectorContext, 'tenantId'>, customerId: string, limit: number): Promise<CustomerRecordSet> {
    const { tenantId } = ctx;
    const [orders, serviceRequests, returns, appointments, applications, plans] = await Promise.all([
      this.db
        .selectFrom('demo_orders')
        .select(['order_no', 'item_summary', 'status', 'ordered_at'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .orderBy('ordered_at', 'desc')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('demo_service_requests')
        .select(['reference', 'kind', 'subject', 'detail', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute(),
      this.returns(tenantId, customerId, limit),
      this.appointments(tenantId, customerId, limit),
      this.applications(tenantId, customerId, limit),
      // Plan change requests store plan ids; the visitor knows the plans by name. A tenant has a handful.
      this.db.selectFrom('demo_plans').select(['plan_id', 'name']).where('tenant_id', '=', tenantId).execute(),
    ]);
    return {
      orders: orders.map((o) => ({ orderNo: o.order_no, itemSummary: o.item_summary, status: o.status, orderedAt: new Date(o.ordered_at) })),
      serviceRequests: serviceRequests.map((r) => ({ reference: r.reference, kind: r.kind, subject: r.subject, detail: (r.detail ?? {}) as Record<string, unknown>, createdAt: new Date(r.created_at) })),
      returns: returns.map((r) => ({
        reference: r.reference,
        kind: r.kind === 'exchange' ? 'exchange' : 'return',
        status: r.status,
        method: r.method,
        newSpec: r.new_spec,
        itemSummary: r.item_summary,
        statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at) : null,
        createdAt: new Date(r.created_at),
      })),
      appointments: appointments.map((a) => ({ reference: a.reference, serviceName: a.service_name, day: a.day, startTime: a.start_time, endTime: a.end_time })),
      applications: applications.map((a) => ({ reference: a.reference, serviceName: a.service_name, stage: a.stage, expectedDate: a.expected_date, createdAt: new Date(a.created_at) })),
      planNames: Object.fromEntries(plans.map((p) => [p.plan_id, p.name])),
    };
  }

  /** A return or exchange belongs to whoever owns its order (`demo_returns` has no customer_id). */
  private returns(tenantId: string, customerId: string, limit: number) {
    return this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.kind', 'r.status', 'r.method', 'r.new_spec', 'r.status_changed_at', 'r.created_at', 'o.item_summary'])
      .where('r.tenant_id', '=', tenantId)
      .where('o.customer_id', '=', customerId)
      .orderBy('r.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * An appointment belongs to the customer whose verified visitor booked it in chat
   * (`demo_appointments.conversation_id` → conversation → visitor); bookings by anonymous or
   * unverified visitors belong to no one, like service requests (conversationCustomerId).
   */
  private appointments(tenantId: string, customerId: string, limit: number) {
    return this.db
      .selectFrom('demo_appointments as a')
      .innerJoin('demo_appointment_slots as s', (join) => join.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.slot_id'))
      .leftJoin('demo_gov_services as g', (join) => join.onRef('g.tenant_id', '=', 's.tenant_id').onRef('g.code', '=', 's.service_code'))
      .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.conversation_id'))
      .innerJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
      .select(['a.reference', 'g.name as service_name', 's.day', 's.start_time', 's.end_time'])
      .where('a.tenant_id', '=', tenantId)
      .where('v.verified', '=', true)
      .where('v.external_id', '=', customerId)
      .orderBy('s.day', 'desc')
      .orderBy('s.start_time', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * `demo_applications` has neither customer_id nor conversation_id. An application is the
   * customer's when one of their verified chats filed it (the `certificates.request` outcome in the
   * action log names its reference) or asked to upload materials for it (a `materials_expected`
   * service request, which carries customer_id and the reference as subject). Seeded applications
   * have neither link and belong to no one.
   */
  private applications(tenantId: string, customerId: string, limit: number) {
    return this.db
      .selectFrom('demo_applications')
      .select(['reference', 'service_name', 'stage', 'expected_date', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        eb.or([
          eb(
            'reference',
            'in',
            eb
              .selectFrom('selfservice_actions as x')
              .innerJoin('conversations as c', (join) => join.onRef('c.tenant_id', '=', 'x.tenant_id').onRef('c.id', '=', 'x.conversation_id'))
              .innerJoin('visitors as v', (join) => join.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.visitor_id'))
              .select(sql<string>`x.outcome -> 'data' ->> 'applicationRef'`.as('reference'))
              .where('x.tenant_id', '=', tenantId)
              .where('x.name', '=', 'certificates.request')
              .where('v.verified', '=', true)
              .where('v.external_id', '=', customerId),
          ),
          eb('reference', 'in', eb.selectFrom('demo_service_requests').select('subject').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).where('kind', '=', 'materials_expected')),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }
}
