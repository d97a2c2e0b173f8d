import type { ConnectorContext } from './connector-context.js';
import type { OrderStatus } from './order-connector.js';

/**
 * Whose records: the enterprise customer ids Zhida verified for the visitor (the widget's HMAC identity,
 * an SMS check in the conversation), and the conversation, whose own bookings and applications count
 * even for an anonymous visitor (they happened in front of us).
 */
export interface CustomerRecordSubject {
  customerIds: readonly string[];
  conversationId: string | null;
}

/** What the enterprise holds for a customer: the widget's search, the agent's context panel and 猜你想办 read it. */
export interface CustomerRecordSet {
  /** The bank's customer entries among the ids (name, registered mobile). */
  customers: { customerId: string; name: string; mobile: string }[];
  orders: {
    orderNo: string;
    itemSummary: string;
    status: OrderStatus;
    amountCents: number;
    carrier: string | null;
    trackingNo: string | null;
    orderedAt: Date;
    shippedAt: Date | null;
    deliveredAt: Date | null;
    /** CST day the carrier promised, `YYYY-MM-DD`. */
    expectedDelivery: string | null;
  }[];
  /** Refunds of the customers' orders. */
  refunds: { orderNo: string; status: 'processing' | 'completed' | 'rejected'; orderedAt: Date }[];
  /** Returns and exchanges of the customers' orders, with the item; `statusChangedAt` dates the status when known. */
  returns: {
    reference: string;
    kind: 'return' | 'exchange';
    orderNo: string;
    reason: string;
    status: string;
    method: string | null;
    newSpec: string | null;
    itemSummary: string;
    statusChangedAt: Date | null;
    createdAt: Date;
    /** The step the backend plans next and when; null when finished or not known. */
    next: { status: string; at: Date } | null;
  }[];
  /** Requests with a reference and no richer record (催件, 发票, 挂失, 套餐变更, 宽带报修 …); `detail` holds what the customer may read back. */
  serviceRequests: { reference: string; kind: string; subject: string; detail: Record<string, unknown>; createdAt: Date }[];
  accounts: { accountLast4: string; availableCents: number; ledgerCents: number }[];
  cards: { last4: string; kind: string; status: string }[];
  cardBills: { cardLast4: string; month: string; amountDueCents: number; dueDate: string }[];
  transfers: { transferId: string; day: string; amountCents: number; status: 'completed' | 'processing' | 'returned' }[];
  phoneLines: {
    mobile: string;
    name: string;
    planId: string;
    planName: string | null;
    arrearsCents: number;
    contractUntil: string | null;
    broadbandAccount: string | null;
    broadbandAddress: string | null;
    usage: { totalGb: number; usedGb: number; asOf: Date } | null;
  }[];
  /** Bookings of the customers (`owned`) and those made in the conversation (`inConversation`). */
  appointments: { reference: string; name: string; serviceName: string | null; location: string | null; day: string; startTime: string; endTime: string; owned: boolean; inConversation: boolean }[];
  /**
   * Applications the customers filed or sent materials for (`owned`), and those the conversation filed
   * (`filedInConversation`) or otherwise dealt with (`inConversation`: filed, looked up or sent materials for).
   */
  applications: {
    reference: string;
    serviceName: string;
    stage: string;
    expectedDate: string | null;
    awaitingMaterials: boolean;
    createdAt: Date;
    owned: boolean;
    filedInConversation: boolean;
    inConversation: boolean;
  }[];
  /** Plan ids → names, for plan-change requests that name plans by id. */
  planNames: Record<string, string>;
}

/**
 * A customer's records in the enterprise's systems, by the customer ids Zhida verified: search, the
 * context panel and recommendations read them through this port, never from tables of their own.
 * Newest first, at most `limit` of each kind; no customer ids and no conversation: nothing.
 */
export interface CustomerRecordConnector {
  records(ctx: Pick<ConnectorContext, 'tenantId'>, subject: CustomerRecordSubject, limit: number): Promise<CustomerRecordSet>;
}
