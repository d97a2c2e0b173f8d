import { describeReturn } from '../../search/describe-customer-records.js';
import { nextAfterSalesStep } from './after-sales-progression.js';
import { addDays, chinaDay, nextWorkingDays } from '../china-calendar.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { OrderConnector } from '../connectors/order-connector.js';
import type { ExchangeRequest, Refund, ReturnConnector, ReturnRequest } from '../connectors/return-connector.js';
import { nextReference } from '../reference-numbers.js';
import { returnEligibility } from '../return-policy.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import type { TenantReturnPolicies } from '../tenant-return-policies.js';

const RETURN_ADDRESS = '浙江省杭州市余杭区仓前街道文一西路 1188 号 智答优选售后仓（收）400-820-8820';

/** Returns and exchanges of the demo shop; eligibility is re-checked here, never trusted from the flow. */
export class DemoReturnConnector implements ReturnConnector {
  constructor(
    private readonly db: SelfServiceDb,
    private readonly orders: OrderConnector,
    private readonly policies: TenantReturnPolicies,
  ) {}

  async createReturn(ctx: ConnectorContext, request: ReturnRequest) {
    const eligibility = await this.eligibility(ctx, request.orderNo);
    if (!eligibility.returnable) throw new SelfServiceFailure('not_eligible', eligibility.refusal ?? '该订单不符合退货条件');
    const rmaNumber = await this.insert(ctx, request.orderNo, 'return', { reason: request.reason, method: request.method, new_spec: null }, 'RMA');
    const pickupWindow = request.method === 'pickup' ? pickupWindowFrom(ctx.now) : null;
    return { rmaNumber, pickupWindow, returnAddress: RETURN_ADDRESS };
  }

  async createExchange(ctx: ConnectorContext, request: ExchangeRequest) {
    const eligibility = await this.eligibility(ctx, request.orderNo);
    if (!eligibility.exchangeable) throw new SelfServiceFailure('not_eligible', '该订单已超过换货期或不支持换货');
    const exchangeNumber = await this.insert(ctx, request.orderNo, 'exchange', { reason: request.reason, method: 'pickup', new_spec: request.newSpec }, 'HH');
    return { exchangeNumber, pickupWindow: pickupWindowFrom(ctx.now) };
  }

  async getRefund(ctx: ConnectorContext, orderNo: string): Promise<Refund | null> {
    const row = await this.db.selectFrom('demo_refunds').selectAll().where('tenant_id', '=', ctx.tenantId).where('order_no', '=', orderNo).executeTakeFirst();
    if (!row) {
      await this.refuseWhileReturnOpen(ctx, orderNo);
      return null;
    }
    return {
      orderNo: row.order_no,
      amountCents: row.amount_cents,
      status: row.status,
      channel: row.channel,
      reasonText: row.reason_text,
      expectedDate: row.expected_date ?? (row.status === 'processing' ? addDays(chinaDay(ctx.now), 3) : null),
      refundedAt: row.refunded_at ? new Date(row.refunded_at) : null,
    };
  }

  /**
   * A return still on its way back has no refund row yet; "no refund record, file a return" would
   * send the customer to file it twice, so say where the return stands instead.
   */
  private async refuseWhileReturnOpen(ctx: ConnectorContext, orderNo: string): Promise<void> {
    const open = await this.db
      .selectFrom('demo_returns as r')
      .innerJoin('demo_orders as o', (join) => join.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.order_no', '=', 'r.order_no'))
      .select(['r.reference', 'r.kind', 'r.status', 'r.method', 'r.new_spec', 'r.status_changed_at', 'o.item_summary'])
      .where('r.tenant_id', '=', ctx.tenantId)
      .where('r.order_no', '=', orderNo)
      .where('r.kind', '=', 'return')
      .where('r.status', 'in', ['submitted', 'shipped_back', 'received'])
      .executeTakeFirst();
    if (!open) return;
    const next = open.status_changed_at ? nextAfterSalesStep({ kind: 'return', method: open.method }, open.status, new Date(open.status_changed_at)) : null;
    const { snippet } = describeReturn({ ...open, next });
    throw new SelfServiceFailure('refund_awaiting_return', `订单 ${orderNo} 的退货申请 ${open.reference}：${snippet}。商品验收通过后，退款将原路退回。`);
  }

  private async eligibility(ctx: ConnectorContext, orderNo: string) {
    const order = await this.orders.get(ctx, orderNo);
    if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单');
    const policy = await this.policies.forTenant(ctx.tenantId);
    if (!policy) throw new SelfServiceFailure('not_eligible', '该商户未配置退换货政策');
    return returnEligibility(order, policy.rulesFor(order.productId), chinaDay(ctx.now), order.deliveredAt ? chinaDay(order.deliveredAt) : null);
  }

  private async insert(ctx: ConnectorContext, orderNo: string, kind: 'return' | 'exchange', fields: { reason: string; method: string | null; new_spec: string | null }, prefix: string): Promise<string> {
    const existing = await this.db
      .selectFrom('demo_returns')
      .select('reference')
      .where('tenant_id', '=', ctx.tenantId)
      .where('order_no', '=', orderNo)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (existing) throw new SelfServiceFailure('already_requested', `该订单已提交过${kind === 'return' ? '退货' : '换货'}申请（${existing.reference}）`);
    const reference = await nextReference(this.db, ctx.tenantId, prefix, ctx.now);
    const inserted = await this.db
      .insertInto('demo_returns')
      // Filed at the request's clock, so the after-sales job counts working days from the same instant the pickup window was.
      .values({ tenant_id: ctx.tenantId, reference, order_no: orderNo, kind, status: 'submitted', conversation_id: ctx.conversationId, created_at: ctx.now, status_changed_at: ctx.now, ...fields })
      .onConflict((oc) => oc.columns(['tenant_id', 'order_no', 'kind']).doNothing())
      .returning('reference')
      .executeTakeFirst();
    if (!inserted) throw new SelfServiceFailure('already_requested', `该订单已提交过${kind === 'return' ? '退货' : '换货'}申请`);
    await this.db
      .insertInto('demo_return_events')
      .values({ tenant_id: ctx.tenantId, reference, status: 'submitted', at: ctx.now })
      .onConflict((oc) => oc.columns(['tenant_id', 'reference', 'status']).doNothing())
      .execute();
    return reference;
  }
}

/** Couriers come the next working day, in the morning or afternoon window. */
function pickupWindowFrom(now: Date): string {
  const [day] = nextWorkingDays(chinaDay(now), 1);
  return `${day} 09:00–18:00`;
}
