import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chinaDay } from '../selfservice/china-calendar.js';
import type { CustomerRecordConnector } from '../selfservice/connectors/customer-record-connector.js';
import { asSelfServiceDb, type SelfServiceDb } from '../selfservice/self-service-db.js';
import { matchCustomerRecords, type CustomerRecord } from './customer-record-matches.js';
import { describeApplication, describeAppointment, describeOrder, describeReturn, describeServiceRequest } from './describe-customer-records.js';
import type { SearchHit } from './knowledge-search-index.js';

// A customer's most recent records; older ones are for the order-history page, not search-as-you-type.
const MAX_RECORDS_PER_KIND = 200;

/**
 * A verified visitor's own orders, service requests (tickets, 挂失, 套餐变更 …), returns/exchanges,
 * counter appointments and applications, searched by number or words. The records come from the
 * enterprise through the `CustomerRecordConnector` port (its CRM over HTTP, or the in-process demo);
 * ownership is the enterprise customer id (`visitors.external_id`), and only for a visitor the tenant's
 * HMAC identity check verified: an unverified visitor claiming someone's userId finds nothing of theirs.
 * @example await records.search({ tenantId, visitorId }, 'RMA202611250001', 5) // [{ type: 'return', … }] or []
 */
export class CustomerRecordSearch {
  private readonly db: SelfServiceDb;

  constructor(
    db: Kysely<Database>,
    private readonly connector: CustomerRecordConnector,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = asSelfServiceDb(db);
  }

  async search(visitor: { tenantId: string; visitorId: string }, query: string, limit: number): Promise<SearchHit[]> {
    const customerId = await this.verifiedCustomerId(visitor);
    if (!customerId) return [];
    // The enterprise's systems being down must not take the FAQ and article search with them.
    const records = await this.records(visitor.tenantId, customerId).catch(() => []);
    return matchCustomerRecords(records, query, limit);
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
    const set = await this.connector.records({ tenantId }, { customerIds: [customerId], conversationId: null }, MAX_RECORDS_PER_KIND);
    const planNames = new Map(Object.entries(set.planNames));
    return [
      ...set.orders.map((o) => describeOrder({ order_no: o.orderNo, item_summary: o.itemSummary, status: o.status })),
      ...set.returns.map((r) => describeReturn({ reference: r.reference, kind: r.kind, status: r.status, method: r.method, new_spec: r.newSpec, item_summary: r.itemSummary, status_changed_at: r.statusChangedAt, next: r.next })),
      ...set.appointments.filter((a) => a.owned).map((a) => describeAppointment({ reference: a.reference, service_name: a.serviceName, day: a.day, start_time: a.startTime, end_time: a.endTime }, today)),
      ...set.applications.filter((a) => a.owned).map((a) => describeApplication({ reference: a.reference, service_name: a.serviceName, stage: a.stage, expected_date: a.expectedDate })),
      ...set.serviceRequests.map((r) => describeServiceRequest({ reference: r.reference, kind: r.kind, subject: r.subject, detail: r.detail }, planNames)),
    ];
  }
}
