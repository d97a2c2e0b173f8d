import type { ConnectorContext } from './connector-context.js';
import type { OrderStatus } from './order-connector.js';

/** What the enterprise holds for a customer that the customer may look up in the widget's search. */
export interface CustomerRecordSet {
  orders: { orderNo: string; itemSummary: string; status: OrderStatus; orderedAt: Date }[];
  /** Returns and exchanges, with the item of their order; `statusChangedAt` dates the status when known. */
  returns: { reference: string; kind: 'return' | 'exchange'; status: string; method: string | null; newSpec: string | null; itemSummary: string; statusChangedAt: Date | null; createdAt: Date }[];
  /** Requests with a reference and no richer record (催件, 发票, 挂失, 套餐变更, 宽带报修 …); `detail` holds what the customer may read back. */
  serviceRequests: { reference: string; kind: string; subject: string; detail: Record<string, unknown>; createdAt: Date }[];
  appointments: { reference: string; serviceName: string | null; day: string; startTime: string; endTime: string }[];
  applications: { reference: string; serviceName: string; stage: string; expectedDate: string | null; createdAt: Date }[];
  /** Plan ids → names, for plan-change requests that name plans by id. */
  planNames: Record<string, string>;
}

/**
 * A customer's own records in the enterprise's systems, by the customer id Zhida verified (the widget's
 * HMAC identity): the widget's search reads them through this port, never from tables of its own.
 * Newest first, at most `limit` of each kind.
 */
export interface CustomerRecordConnector {
  records(ctx: Pick<ConnectorContext, 'tenantId'>, customerId: string, limit: number): Promise<CustomerRecordSet>;
}
