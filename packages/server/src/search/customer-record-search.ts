import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { asSelfServiceDb, type SelfServiceDb } from '../selfservice/self-service-db.js';
import type { DemoOrdersTable } from '../selfservice/selfservice-schema.js';
import { matchCustomerRecords, type CustomerRecord } from './customer-record-matches.js';
import type { SearchHit } from './knowledge-search-index.js';

// A customer's most recent records; older ones are for the order-history page, not search-as-you-type.
const MAX_RECORDS_PER_KIND = 200;

const ORDER_STATUS: Record<DemoOrdersTable['status'], string> = {
  pending_payment: '待付款',
  paid: '已付款 待发货',
  shipped: '已发货 运输中',
  delivered: '已签收',
  cancelled: '已取消',
};

const REQUEST_KIND: Record<string, string> = {
  logistics_urge: '催件工单',
  invoice: '发票申请',
  materials_expected: '补交材料',
  plan_change: '套餐变更',
  broadband_fault: '宽带报修',
  sim_replacement: '补换 SIM 卡',
  card_loss: '银行卡挂失',
  password_reset: '密码重置',
};

function requestLabel(kind: string): string {
  if (kind.startsWith('ticket:')) return kind === 'ticket:complaint' ? '投诉工单' : '工单';
  return REQUEST_KIND[kind] ?? kind;
}

/**
 * A verified visitor's own orders and service requests (tickets), searched by
 * number or words. Ownership is `customer_id = visitors.external_id`, and only
 * for a visitor the tenant's HMAC identity check verified: an unverified
 * visitor claiming someone's userId finds nothing of theirs.
 * @example await records.search({ tenantId, visitorId }, '20261118883301', 5) // [{ type: 'order', … }] or []
 */
export class CustomerRecordSearch {
  private readonly db: SelfServiceDb;

  constructor(db: Kysely<Database>) {
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
    const [orders, requests] = await Promise.all([
      this.db
        .selectFrom('demo_orders')
        .select(['order_no', 'item_summary', 'status'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .orderBy('ordered_at', 'desc')
        .limit(MAX_RECORDS_PER_KIND)
        .execute(),
      this.db
        .selectFrom('demo_service_requests')
        .select(['reference', 'kind', 'subject'])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .orderBy('created_at', 'desc')
        .limit(MAX_RECORDS_PER_KIND)
        .execute(),
    ]);
    return [
      ...orders.map((o): CustomerRecord => {
        const status = ORDER_STATUS[o.status];
        return { type: 'order', id: o.order_no, title: `订单 ${o.order_no}`, text: `订单 ${o.item_summary} ${status}`, snippet: `${o.item_summary} · ${status}` };
      }),
      ...requests.map((r): CustomerRecord => {
        const label = requestLabel(r.kind);
        return { type: 'ticket', id: r.reference, title: `${label} ${r.reference}`, text: `${label} ${r.subject}`, snippet: r.subject };
      }),
    ];
  }
}
