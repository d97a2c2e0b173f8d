import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chinaDay } from '../selfservice/china-calendar.js';
import { asSelfServiceDb, type SelfServiceDb } from '../selfservice/self-service-db.js';
import { matchCustomerRecords, type CustomerRecord } from './customer-record-matches.js';
import { describeApplication, describeAppointment, describeOrder, describeReturn, describeServiceRequest } from './describe-customer-records.js';
import type { SearchHit } from './knowledge-search-index.js';

// A customer's most recent records; older ones are for the order-history page, not search-as-you-type.
const MAX_RECORDS_PER_KIND = 200;

/**
 * A verified visitor's own orders, service requests (tickets, 挂失, 套餐变更 …), returns/exchanges,
 * counter appointments and applications, searched by number or words. Ownership is the
 * enterprise customer id (`visitors.external_id`), and only for a visitor the tenant's HMAC
 * identity check verified: an unverified visitor claiming someone's userId finds nothing of theirs.
 * Orders and service requests carry `customer_id`; the other tables do not, so their owner is
 * derived (see `returns`, `appointments`, `applications`).
 * @example await records.search({ tenantId, visitorId }, 'RMA202611250001', 5) // [{ type: 'return', … }] or []
 */
export class CustomerRecordSearch {
  private readonly db: SelfServiceDb;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = asSelfServiceDb(db);
  }

  async search(visitor: { tenantId: string; visitorId: string }, query: string, limit: number): Promise<SearchHit[]> {
    const customerId = await this.verifiedCustomerId(visitor);
    if (!customerId) return [];
    return matchCustomerRecords(await this.records(visitor.tenantId, customerId), query, limit);
  }

  private async verifiedCustomerId(visitor: { tenantId: string; visitorId: string }): Promise<string | null> {
    const row = await this.db
      .selectFrom('visitors')
      .select(['external_id', 'verified'])
      .where('tenant_id', '=', visitor.tenantId)
      .where('id', '=', visitor.visitorId)
      .executeTakeFirst();
    return row?.verified && row.external_id ? row.external_id : null;
  }

  private async records(tenantId: string, customerId: string): Promise<CustomerRecord[]> {
    const today = chinaDay(this.now());
    const [orders, requests, returns, appointments, applications, planNames] = await Promise.all([
      this.orders(tenantId, customerId),
      this.serviceRequests(tenantId, customerId),
      this.returns(tenantId, customerId),
      this.appointments(tenantId, customerId),
      this.applications(tenantId, customerId),
      this.planNames(tenantId),
    ]);
    return [
      ...orders.map(describeOrder),
      ...returns.map(describeReturn),
      ...appointments.map((a) => describeAppointment(a, today)),
      ...applications.map(describeApplication),
      ...requests.map((r) => describeServiceRequest(r, planNames)),
    ];
  }

  private orders(tenantId: string, customerId: string) {
    return this.db
      .selectFrom('demo_orders')
      .select(['order_no', 'item_summary', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .orderBy('ordered_at', 'desc')
      .limit(MAX_RECORDS_PER_KIND)
      .execute();
  }

  private serviceRequests(tenantId: string, customerId: string) {
    return this.db
      .selectFrom('demo_service_requests')
      .select(['reference', 'kind', 'subject', 'detail'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .limit(MAX_RECORDS_PER_KIND)
      .execute();
  }

  /** Plan change requests store plan ids; the visitor knows the plans by name. A tenant has a handful. */
  private async planNames(tenantId: string): Promise<Map<string, string>> {
    const plans = await this.db.selectFrom('demo_plans').select(['plan_id', 'name']).where('tenant_id', '=', tenantId).execute();
    return new Map(plans.map((p) => [p.plan_id, p.name]));
  }

  /** A return or exchange belongs to whoever owns its order (`demo_returns` has no customer_id). */
  private returns(tenantId: string, customerId: string) {
    return this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.kind', 'r.status', 'r.method', 'r.new_spec', 'r.status_changed_at', 'o.item_summary'])
      .where('r.tenant_id', '=', tenantId)
      .where('o.customer_id', '=', customerId)
      .orderBy('r.created_at', 'desc')
      .limit(MAX_RECORDS_PER_KIND)
      .execute();
  }

  /**
   * An appointment belongs to the customer whose verified visitor booked it in chat
   * (`demo_appointments.conversation_id` → conversation → visitor); bookings by anonymous or
   * unverified visitors belong to no one, like service requests (conversationCustomerId).
   */
  private appointments(tenantId: string, customerId: string) {
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
      .limit(MAX_RECORDS_PER_KIND)
      .execute();
  }

  /**
   * `demo_applications` has neither customer_id nor conversation_id. An application is the
   * customer's when one of their verified chats filed it (the `certificates.request` outcome in the
   * action log names its reference) or asked to upload materials for it (a `materials_expected`
   * service request, which carries customer_id and the reference as subject). Seeded applications
   * have neither link and belong to no one.
   */
  private applications(tenantId: string, customerId: string) {
    return this.db
      .selectFrom('demo_applications')
      .select(['reference', 'service_name', 'stage', 'expected_date'])
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
          eb(
            'reference',
            'in',
            eb
              .selectFrom('demo_service_requests')
              .select('subject')
              .where('tenant_id', '=', tenantId)
              .where('customer_id', '=', customerId)
              .where('kind', '=', 'materials_expected'),
          ),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(MAX_RECORDS_PER_KIND)
      .execute();
  }
}
