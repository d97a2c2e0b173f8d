import type { ConnectorContext } from './connector-context.js';

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface Order {
  orderNo: string;
  /** The product's node id in the tenant's knowledge graph; return rules hang off it. */
  productId: string;
  itemSummary: string;
  amountCents: number;
  status: OrderStatus;
  address: string;
  carrier: string | null;
  trackingNo: string | null;
  orderedAt: Date;
  deliveredAt: Date | null;
  latestEvent: { at: Date; description: string } | null;
}

/** Orders in the enterprise's shop system. Failures: `order_not_found`, `not_cancellable`, `address_locked`. */
export interface OrderConnector {
  get(ctx: ConnectorContext, orderNo: string): Promise<Order | null>;
  updateAddress(ctx: ConnectorContext, orderNo: string, address: string): Promise<Order>;
  /** Cancels an unshipped order and returns the refund due. */
  cancel(ctx: ConnectorContext, orderNo: string): Promise<{ order: Order; refundCents: number }>;
}
