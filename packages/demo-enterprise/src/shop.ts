import { afterSalesProgress, afterSalesSchedule } from './after-sales-progression.js';
import { BusinessRefusal } from './business-refusal.js';
import { addDays, chinaDay, daysBetween, nextWeekday } from './china-day.js';
import type { OrderRecord, RefundRecord } from './enterprise-books.js';
import type { EnterpriseStore } from './enterprise-store.js';

/** Where a return's refund goes; the refund flow reads "退回至原支付账户（原路退回）". */
const RETURN_REFUND_CHANNEL = '原支付账户（原路退回）';
const RETURN_ADDRESS = '浙江省杭州市余杭区仓前街道文一西路 1188 号 智答优选售后仓（收）400-820-8820';
const NO_REASON_EXCLUDED = '生鲜、定制商品、已拆封的贴身用品和化妆品不适用无理由退货，质量问题除外';

/** The shop's after-sales rules per product category (its own business, as in Zhida's ecommerce template). */
const RULES_BY_PRODUCT: Record<string, { returnDays: number | null; exchangeDays: number | null }> = {
  huawei_mate60: { returnDays: 7, exchangeDays: 15 },
  iphone15: { returnDays: 7, exchangeDays: 15 },
  bluetooth_earbuds: { returnDays: 7, exchangeDays: 15 },
  air_fryer: { returnDays: 7, exchangeDays: 15 },
  smart_tv_65: { returnDays: 7, exchangeDays: 15 },
  down_jacket: { returnDays: 7, exchangeDays: 7 },
  running_shoes: { returnDays: 7, exchangeDays: 7 },
  face_cream: { returnDays: 7, exchangeDays: 7 },
  chile_cherries: { returnDays: null, exchangeDays: null },
};

/** The demo shop: orders, parcels, returns, exchanges and refunds. Every rule is checked here, never trusted from the caller. */
export class Shop {
  constructor(
    private readonly store: EnterpriseStore,
    private readonly now: () => Date,
  ) {}

  getOrder(tenant: string, orderNo: string) {
    return toOrderDto(this.order(tenant, orderNo));
  }

  updateAddress(tenant: string, orderNo: string, address: string) {
    const order = this.order(tenant, orderNo);
    if (order.status !== 'pending_payment' && order.status !== 'paid') throw new BusinessRefusal('address_locked', '订单已出库，无法修改收货地址', 409);
    order.address = address;
    return toOrderDto(order);
  }

  cancel(tenant: string, orderNo: string) {
    const order = this.order(tenant, orderNo);
    if (order.status !== 'pending_payment' && order.status !== 'paid') {
      throw new BusinessRefusal('not_cancellable', order.status === 'cancelled' ? '订单已取消' : '订单已出库，无法取消，可拒收或签收后申请退货', 409);
    }
    // An unpaid order is simply closed; a paid one is refunded in full.
    const refundCents = order.status === 'paid' ? order.amountCents : 0;
    order.status = 'cancelled';
    const refunds = this.store.books(tenant).refunds;
    if (refundCents > 0) refunds[orderNo] ??= { orderNo, amountCents: refundCents, status: 'processing', channel: '原支付渠道', reasonText: null, expectedDate: null, refundedAt: null };
    return { order: toOrderDto(order), refundCents };
  }

  track(tenant: string, orderNo: string) {
    const order = this.order(tenant, orderNo);
    if (!order.carrier || !order.trackingNo) throw new BusinessRefusal('not_shipped', '订单尚未发货，暂无物流信息', 409);
    return {
      orderNo,
      carrier: order.carrier,
      trackingNo: order.trackingNo,
      expectedDelivery: order.expectedDelivery,
      delivered: order.status === 'delivered',
      events: [...order.events].sort((a, b) => b.at.localeCompare(a.at)),
    };
  }

  urge(tenant: string, orderNo: string) {
    if (this.track(tenant, orderNo).delivered) throw new BusinessRefusal('already_delivered', '包裹已签收，无需催件', 409);
    const ticketNumber = this.store.nextReference(tenant, 'GD');
    // Filed for whoever placed the order: it shows among their records.
    const customerId = this.order(tenant, orderNo).customerId ?? null;
    this.store.books(tenant).serviceRequests.push({ reference: ticketNumber, kind: 'logistics_urge', subject: orderNo, customerId, createdAt: this.now().toISOString() });
    return { ticketNumber, responseHours: 24 };
  }

  createReturn(tenant: string, request: { orderNo: string; reason: string; method: 'pickup' | 'dropoff' }) {
    const eligibility = this.eligibility(tenant, request.orderNo);
    if (!eligibility.returnable) throw new BusinessRefusal('not_eligible', eligibility.refusal ?? '该订单不符合退货条件');
    const rmaNumber = this.file(tenant, request.orderNo, 'return', request.reason, request.method, null, 'RMA');
    return { rmaNumber, pickupWindow: request.method === 'pickup' ? this.pickupWindow() : null, returnAddress: RETURN_ADDRESS };
  }

  createExchange(tenant: string, request: { orderNo: string; reason: string; newSpec: string }) {
    if (!this.eligibility(tenant, request.orderNo).exchangeable) throw new BusinessRefusal('not_eligible', '该订单已超过换货期或不支持换货');
    const exchangeNumber = this.file(tenant, request.orderNo, 'exchange', request.reason, 'pickup', request.newSpec, 'HH');
    return { exchangeNumber, pickupWindow: this.pickupWindow() };
  }

  getRefund(tenant: string, orderNo: string): RefundRecord {
    const books = this.store.books(tenant);
    const refund = books.refunds[orderNo];
    if (refund) return { ...refund, expectedDate: refund.expectedDate ?? (refund.status === 'processing' ? addDays(chinaDay(this.now()), 3) : null) };
    const open = books.afterSales.find((r) => r.orderNo === orderNo && r.kind === 'return');
    if (open) {
      // The warehouse works to its schedule: once the parcel is on its way the refund is under way, then paid.
      const request = { kind: 'return' as const, method: open.method };
      const progress = afterSalesProgress(request, new Date(open.createdAt), this.now());
      if (progress.status === 'submitted') {
        // A return on its way back has no refund yet; "no refund, file a return" would send the customer to file it twice.
        const filed = chinaDay(new Date(open.createdAt));
        throw new BusinessRefusal('refund_awaiting_return', `订单 ${orderNo} 的退货申请 ${open.reference}：已提交（${monthDay(filed)}）。商品验收通过后，退款将原路退回。`, 409);
      }
      const refunded = progress.status === 'refunded' ? progress.steps.at(-1)!.at : null;
      const refundDay = afterSalesSchedule(request, new Date(open.createdAt)).at(-1)!.at;
      return {
        orderNo,
        amountCents: this.order(tenant, orderNo).amountCents,
        status: refunded ? 'completed' : 'processing',
        channel: RETURN_REFUND_CHANNEL,
        reasonText: null,
        expectedDate: refunded ? null : chinaDay(refundDay),
        refundedAt: refunded ? refunded.toISOString() : null,
      };
    }
    throw new BusinessRefusal('refund_not_found', '该订单没有退款记录', 404);
  }

  requestInvoice(tenant: string, request: { orderNo: string; titleType: 'personal' | 'company'; title: string; taxId: string | null; email: string }) {
    const order = this.order(tenant, request.orderNo);
    if (order.status === 'cancelled' || order.status === 'pending_payment') throw new BusinessRefusal('not_eligible', '订单未支付或已取消，无法开具发票', 409);
    if (request.titleType === 'company' && !request.taxId) throw new BusinessRefusal('tax_id_required', '企业抬头需要提供纳税人识别号');
    const requestNumber = this.store.nextReference(tenant, 'FP');
    this.store.books(tenant).serviceRequests.push({ reference: requestNumber, kind: 'invoice', subject: request.orderNo, customerId: order.customerId ?? null, createdAt: this.now().toISOString() });
    return { requestNumber, expectedDays: 3 };
  }

  private order(tenant: string, orderNo: string): OrderRecord {
    const order = this.store.books(tenant).orders[orderNo];
    if (!order) throw new BusinessRefusal('order_not_found', '没有查到该订单', 404);
    return order;
  }

  private eligibility(tenant: string, orderNo: string) {
    const order = this.order(tenant, orderNo);
    const rules = RULES_BY_PRODUCT[order.productId] ?? { returnDays: null, exchangeDays: null };
    if (order.status !== 'delivered' || !order.deliveredAt) return { returnable: false, exchangeable: false, refusal: '订单尚未签收，暂不能申请售后' };
    const days = Math.max(0, daysBetween(chinaDay(new Date(order.deliveredAt)), chinaDay(this.now())));
    const returnable = rules.returnDays !== null && days <= rules.returnDays;
    const exchangeable = rules.exchangeDays !== null && days <= rules.exchangeDays;
    const refusal = rules.returnDays === null ? `该商品不支持7天无理由退货（${NO_REASON_EXCLUDED}）` : returnable ? null : `已超过签收后${rules.returnDays}天的无理由退货期`;
    return { returnable, exchangeable, refusal };
  }

  private file(tenant: string, orderNo: string, kind: 'return' | 'exchange', reason: string, method: 'pickup' | 'dropoff', newSpec: string | null, prefix: string): string {
    const books = this.store.books(tenant);
    const existing = books.afterSales.find((r) => r.orderNo === orderNo && r.kind === kind);
    if (existing) throw new BusinessRefusal('already_requested', `该订单已提交过${kind === 'return' ? '退货' : '换货'}申请（${existing.reference}）`, 409);
    const reference = this.store.nextReference(tenant, prefix);
    books.afterSales.push({ reference, orderNo, kind, reason, method, newSpec, status: 'submitted', createdAt: this.now().toISOString() });
    return reference;
  }

  /** Couriers come the next weekday. */
  private pickupWindow(): string {
    return `${nextWeekday(chinaDay(this.now()))} 09:00–18:00`;
  }
}

function toOrderDto(order: OrderRecord) {
  const latest = order.events.reduce<OrderRecord['events'][number] | null>((a, e) => (a === null || e.at > a.at ? e : a), null);
  return {
    orderNo: order.orderNo,
    productId: order.productId,
    itemSummary: order.itemSummary,
    amountCents: order.amountCents,
    status: order.status,
    address: order.address,
    carrier: order.carrier,
    trackingNo: order.trackingNo,
    orderedAt: order.orderedAt,
    deliveredAt: order.deliveredAt,
    latestEvent: latest,
  };
}

function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
