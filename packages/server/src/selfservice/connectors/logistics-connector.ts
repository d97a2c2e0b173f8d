import type { ConnectorContext } from './connector-context.js';

export interface Shipment {
  orderNo: string;
  carrier: string;
  trackingNo: string;
  /** CST day the carrier promised, `YYYY-MM-DD`. */
  expectedDelivery: string | null;
  delivered: boolean;
  events: { at: Date; description: string }[];
}

/** Parcel tracking and "please hurry" requests. Failures: `order_not_found`, `not_shipped`. */
export interface LogisticsConnector {
  track(ctx: ConnectorContext, orderNo: string): Promise<Shipment>;
  urge(ctx: ConnectorContext, orderNo: string): Promise<{ ticketNumber: string; responseHours: number }>;
}
