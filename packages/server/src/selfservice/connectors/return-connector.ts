import type { ConnectorContext } from './connector-context.js';

export interface ReturnRequest {
  orderNo: string;
  reason: string;
  method: 'pickup' | 'dropoff';
}

export interface ExchangeRequest {
  orderNo: string;
  reason: string;
  newSpec: string;
}

export interface Refund {
  orderNo: string;
  amountCents: number;
  status: 'processing' | 'completed' | 'rejected';
  channel: string;
  reasonText: string | null;
  expectedDate: string | null;
  refundedAt: Date | null;
}

/**
 * After-sales: returns (RMA), exchanges and refund status.
 * Failures: `order_not_found`, `not_eligible`, `already_requested`, `refund_not_found`, and from `getRefund`
 * `refund_awaiting_return` (a return is on its way back; the message says where it stands).
 */
export interface ReturnConnector {
  createReturn(ctx: ConnectorContext, request: ReturnRequest): Promise<{ rmaNumber: string; pickupWindow: string | null; returnAddress: string }>;
  createExchange(ctx: ConnectorContext, request: ExchangeRequest): Promise<{ exchangeNumber: string; pickupWindow: string }>;
  getRefund(ctx: ConnectorContext, orderNo: string): Promise<Refund | null>;
}
