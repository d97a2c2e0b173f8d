import type { Selectable } from 'kysely';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { Order, OrderConnector } from '../connectors/order-connector.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { DemoOrdersTable } from '../selfservice-schema.js';
import type { SelfServiceDb } from '../self-service-db.js';

/** Orders of the demo shop, stored in demo_orders / demo_logistics_events. */
export class DemoOrderConnector implements OrderConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async get(ctx: ConnectorContext, orderNo: string): Promise<Order | null> {
    const row = await this.db.selectFrom('demo_orders').selectAll().where('tenant_id', '=', ctx.tenantId).where('order_no', '=', orderNo).executeTakeFirst();
    if (!row) return null;
    const latest = await this.db
      .selectFrom('demo_logistics_events')
      .select(['at', 'description'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return toOrder(row, latest ?? null);
  }

  async updateAddress(ctx: ConnectorContext, orderNo: string, address: string): Promise<Order> {
    const updated = await this.db
      .updateTable('demo_orders')
      .set({ address })
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .where('status', 'in', ['pending_payment', 'paid'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const order = await this.get(ctx, orderNo);
      if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单');
      throw new SelfServiceFailure('address_locked', '订单已出库，无法修改收货地址');
    }
    return (await this.get(ctx, orderNo))!;
  }

  async cancel(ctx: ConnectorContext, orderNo: string): Promise<{ order: Order; refundCents: number }> {
    const order = await this.get(ctx, orderNo);
    if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单');
    // The conditional update is the real check: a concurrent shipment wins over a stale read.
    const updated = await this.db
      .updateTable('demo_orders')
      .set({ status: 'cancelled' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .where('status', 'in', ['pending_payment', 'paid'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new SelfServiceFailure('not_cancellable', order.status === 'cancelled' ? '订单已取消' : '订单已出库，无法取消，可拒收或签收后申请退货');
    }
    // An unpaid order is simply closed; a paid one is refunded in full.
    const refundCents = order.status === 'paid' ? order.amountCents : 0;
    if (refundCents > 0) {
      await this.db
        .insertInto('demo_refunds')
        .values({ tenant_id: ctx.tenantId, order_no: orderNo, amount_cents: refundCents, status: 'processing', channel: '原支付渠道', reason_text: null, expected_date: null, refunded_at: null })
        .onConflict((oc) => oc.columns(['tenant_id', 'order_no']).doNothing())
        .execute();
    }
    return { order: { ...order, status: 'cancelled' }, refundCents };
  }
}

function toOrder(row: Selectable<DemoOrdersTable>, latest: { at: Date; description: string } | null): Order {
  return {
    orderNo: row.order_no,
    productId: row.product_id,
    itemSummary: row.item_summary,
    amountCents: row.amount_cents,
    status: row.status,
    address: row.address,
    carrier: row.carrier,
    trackingNo: row.tracking_no,
    orderedAt: new Date(row.ordered_at),
    deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
    latestEvent: latest ? { at: new Date(latest.at), description: latest.description } : null,
  };
}
