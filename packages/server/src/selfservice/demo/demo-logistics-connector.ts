import type { ConnectorContext } from '../connectors/connector-context.js';
import type { LogisticsConnector, Shipment } from '../connectors/logistics-connector.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/** Tracking from demo_logistics_events; an urge becomes a logistics ticket. */
export class DemoLogisticsConnector implements LogisticsConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async track(ctx: ConnectorContext, orderNo: string): Promise<Shipment> {
    const order = await this.db
      .selectFrom('demo_orders')
      .select(['carrier', 'tracking_no', 'expected_delivery', 'status'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .executeTakeFirst();
    if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单');
    if (!order.carrier || !order.tracking_no) throw new SelfServiceFailure('not_shipped', '订单尚未发货，暂无物流信息');
    const events = await this.db
      .selectFrom('demo_logistics_events')
      .select(['at', 'description'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .orderBy('at', 'desc')
      .execute();
    return {
      orderNo,
      carrier: order.carrier,
      trackingNo: order.tracking_no,
      expectedDelivery: order.expected_delivery,
      delivered: order.status === 'delivered',
      events: events.map((e) => ({ at: new Date(e.at), description: e.description })),
    };
  }

  async urge(ctx: ConnectorContext, orderNo: string) {
    const shipment = await this.track(ctx, orderNo);
    if (shipment.delivered) throw new SelfServiceFailure('already_delivered', '包裹已签收，无需催件');
    const ticketNumber = await nextReference(this.db, ctx.tenantId, 'GD', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: ticketNumber, kind: 'logistics_urge', subject: orderNo, detail: JSON.stringify({ carrier: shipment.carrier, trackingNo: shipment.trackingNo }), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    return { ticketNumber, responseHours: 24 };
  }
}
