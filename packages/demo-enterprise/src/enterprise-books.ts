import { addDays, chinaDay, daysBetween } from './china-day.js';

/** Dates are ISO strings: the books are saved as JSON. */
export interface OrderRecord {
  orderNo: string;
  productId: string;
  itemSummary: string;
  amountCents: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled';
  address: string;
  carrier: string | null;
  trackingNo: string | null;
  orderedAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  expectedDelivery: string | null;
  events: { at: string; description: string }[];
}

export interface RefundRecord {
  orderNo: string;
  amountCents: number;
  status: 'processing' | 'completed' | 'rejected';
  channel: string;
  reasonText: string | null;
  expectedDate: string | null;
  refundedAt: string | null;
}

export interface AfterSalesRecord {
  reference: string;
  orderNo: string;
  kind: 'return' | 'exchange';
  reason: string;
  method: 'pickup' | 'dropoff';
  newSpec: string | null;
  status: 'submitted';
  createdAt: string;
}

export interface SubscriberRecord {
  mobile: string;
  customerId: string;
  name: string;
  planId: string;
}

export interface PlanRecord {
  planId: string;
  name: string;
  monthlyFeeCents: number;
  dataGb: number;
  minutes: number;
}

export interface PhoneBillRecord {
  mobile: string;
  month: string;
  planFeeCents: number;
  extraFeeCents: number;
  valueAddedFeeCents: number;
}

export interface UsageRecord {
  totalGb: number;
  usedGb: number;
  totalMinutes: number;
  usedMinutes: number;
  asOf: string;
}

/** Requests with a reference number and no richer record: urges, plan changes. */
export interface ServiceRequestRecord {
  reference: string;
  kind: string;
  subject: string;
  createdAt: string;
}

/** Everything the fake enterprise keeps for one Zhida tenant: its shop and its mobile operator. */
export interface TenantBooks {
  orders: Record<string, OrderRecord>;
  refunds: Record<string, RefundRecord>;
  afterSales: AfterSalesRecord[];
  serviceRequests: ServiceRequestRecord[];
  subscribers: Record<string, SubscriberRecord>;
  plans: PlanRecord[];
  phoneBills: PhoneBillRecord[];
  usage: Record<string, UsageRecord>;
  /** Daily counters of reference numbers, keyed `prefix + yyyymmdd`. */
  sequences: Record<string, number>;
  /** The first answer to each write, keyed by its Idempotency-Key, replayed on a retry. */
  idempotent: Record<string, { status: number; body: unknown }>;
}

/** The order numbers and mobiles a demo visitor can try (Zhida's README lists them). */
export const demoTryThis = {
  ecommerce: {
    returnable: '20261118883301',
    returnWindowPassed: '20261110883302',
    freshFood: '20261122883303',
    delayedShipment: '20261124883304',
    awaitingShipment: '20261125883305',
    refundCompleted: '20261120883306',
    unpaid: '20261125883307',
    cosmetics: '20261123883308',
  },
  telecom: { lowData: '13800001111', arrears: '13900002222', contract: '13700003333' },
} as const;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
// The returnable order was delivered this long before seeding; re-anchoring keeps it so.
const RETURNABLE_DELIVERED_DAYS_AGO = 3;

/** New books for a tenant, with dates relative to `now`, so the demo always has a returnable order. */
export function seedBooks(now: Date): TenantBooks {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  const address = '上海市浦东新区张江路 88 弄 6 号 1202 室 张先生 138****8000';
  const t = demoTryThis.ecommerce;
  const seeds = [
    { no: t.returnable, product: 'huawei_mate60', item: '华为 Mate 60 12GB+512GB 雅川青 ×1', cents: 549900, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830193261', ordered: ago(6), shipped: ago(5), delivered: ago(RETURNABLE_DELIVERED_DAYS_AGO) },
    { no: t.returnWindowPassed, product: 'down_jacket', item: '白鹅绒羽绒服 黑色 L ×1', cents: 89900, status: 'delivered', carrier: '圆通速递', tracking: 'YT7519044826113', ordered: ago(16), shipped: ago(15), delivered: ago(12) },
    { no: t.freshFood, product: 'chile_cherries', item: '智利车厘子 JJ级 2kg 礼盒 ×1', cents: 25800, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830207745', ordered: ago(3), shipped: ago(3, -6), delivered: ago(2) },
    { no: t.delayedShipment, product: 'air_fryer', item: '5L 空气炸锅 可视款 ×1', cents: 39900, status: 'shipped', carrier: '圆通速递', tracking: 'YT7519051173820', ordered: ago(5), shipped: ago(4), delivered: null },
    { no: t.awaitingShipment, product: 'running_shoes', item: '缓震跑步鞋 42码 ×1', cents: 45900, status: 'paid', carrier: null, tracking: null, ordered: ago(0, 5), shipped: null, delivered: null },
    { no: t.refundCompleted, product: 'bluetooth_earbuds', item: '真无线蓝牙耳机 白色 ×1', cents: 29900, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830166502', ordered: ago(9), shipped: ago(8), delivered: ago(6) },
    { no: t.unpaid, product: 'smart_tv_65', item: '65英寸 4K 智能电视 ×1', cents: 399900, status: 'pending_payment', carrier: null, tracking: null, ordered: ago(0, 1), shipped: null, delivered: null },
    { no: t.cosmetics, product: 'face_cream', item: '修护保湿面霜 50ml ×2', cents: 33800, status: 'delivered', carrier: '圆通速递', tracking: 'YT7519049920457', ordered: ago(4), shipped: ago(3), delivered: ago(1) },
  ] as const;
  const orders: Record<string, OrderRecord> = {};
  for (const o of seeds) {
    orders[o.no] = {
      orderNo: o.no,
      productId: o.product,
      itemSummary: o.item,
      amountCents: o.cents,
      status: o.status,
      address,
      carrier: o.carrier,
      trackingNo: o.tracking,
      orderedAt: o.ordered.toISOString(),
      shippedAt: o.shipped?.toISOString() ?? null,
      deliveredAt: o.delivered?.toISOString() ?? null,
      expectedDelivery: o.shipped ? addDays(chinaDay(o.shipped), 2) : null,
      events: o.shipped ? parcelEvents(o.carrier!, o.shipped, o.delivered) : [],
    };
  }

  const today = chinaDay(now);
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  const bills = [
    ['13800001111', lastMonth, 5900, 1200, 1000],
    ['13800001111', monthBefore, 5900, 0, 1000],
    ['13900002222', lastMonth, 2900, 1780, 0],
    ['13700003333', lastMonth, 12900, 0, 500],
  ] as const;

  return {
    orders,
    refunds: {
      [t.refundCompleted]: { orderNo: t.refundCompleted, amountCents: 29900, status: 'completed', channel: '微信支付（原路退回）', reasonText: null, expectedDate: null, refundedAt: ago(1, 4).toISOString() },
      [t.freshFood]: { orderNo: t.freshFood, amountCents: 8600, status: 'processing', channel: '支付宝（原路退回）', reasonText: null, expectedDate: addDays(today, 2), refundedAt: null },
      [t.returnWindowPassed]: { orderNo: t.returnWindowPassed, amountCents: 89900, status: 'rejected', channel: '原支付渠道', reasonText: '退回商品吊牌已拆除，影响二次销售', expectedDate: null, refundedAt: null },
    },
    afterSales: [],
    serviceRequests: [],
    plans: [
      { planId: 'P29', name: '畅享 29 元套餐', monthlyFeeCents: 2900, dataGb: 5, minutes: 100 },
      { planId: 'P59', name: '畅享 59 元套餐', monthlyFeeCents: 5900, dataGb: 30, minutes: 300 },
      { planId: 'P99', name: '5G 畅享 99 元套餐', monthlyFeeCents: 9900, dataGb: 60, minutes: 500 },
      { planId: 'P129', name: '5G 尊享 129 元套餐', monthlyFeeCents: 12900, dataGb: 100, minutes: 1000 },
    ],
    subscribers: {
      '13800001111': { mobile: '13800001111', customerId: 'U20001', name: '王强', planId: 'P59' },
      '13900002222': { mobile: '13900002222', customerId: 'U20002', name: '刘洋', planId: 'P29' },
      '13700003333': { mobile: '13700003333', customerId: 'U20003', name: '陈静', planId: 'P129' },
    },
    phoneBills: bills.map(([mobile, month, planFeeCents, extraFeeCents, valueAddedFeeCents]) => ({ mobile, month, planFeeCents, extraFeeCents, valueAddedFeeCents })),
    usage: {
      '13800001111': { totalGb: 30, usedGb: 29.4, totalMinutes: 300, usedMinutes: 187, asOf: now.toISOString() },
      '13900002222': { totalGb: 5, usedGb: 1.2, totalMinutes: 100, usedMinutes: 35, asOf: now.toISOString() },
      '13700003333': { totalGb: 100, usedGb: 42.75, totalMinutes: 1000, usedMinutes: 410, asOf: now.toISOString() },
    },
    sequences: {},
    idempotent: {},
  };
}

function parcelEvents(carrier: string, shipped: Date, delivered: Date | null): OrderRecord['events'] {
  const at = (ms: number) => new Date(ms).toISOString();
  const hub = carrier === '顺丰速运' ? '【杭州】顺丰速运 杭州转运中心' : '【杭州】圆通速递 杭州转运中心';
  const events = [
    { at: shipped.toISOString(), description: '【杭州】商家已发货，快递员已揽收' },
    { at: at(shipped.getTime() + 6 * HOUR), description: `${hub} 已发出，下一站【上海】` },
    { at: at(shipped.getTime() + 20 * HOUR), description: '【上海】已到达 上海浦东转运中心' },
  ];
  if (delivered) {
    events.push({ at: at(delivered.getTime() - 3 * HOUR), description: '【上海】派件中，快递员 李师傅 159****2231' });
    events.push({ at: delivered.toISOString(), description: '【上海】已签收，签收人：本人' });
  } else {
    events.push({ at: at(shipped.getTime() + 30 * HOUR), description: '【上海】因天气原因，派送延误，快件滞留在上海浦东转运中心' });
  }
  return events;
}

/**
 * Books saved weeks ago would see the shop's orders age out of the 7-day window: every seeded order,
 * parcel event and refund moves forward by whole days so the stories still work. What visitors did
 * (returns, cancellations, plan changes) stays as it is.
 */
export function reanchorBooks(books: TenantBooks, now: Date): void {
  const anchor = books.orders[demoTryThis.ecommerce.returnable];
  if (!anchor?.deliveredAt) return;
  const days = daysBetween(chinaDay(new Date(anchor.deliveredAt)), chinaDay(new Date(now.getTime() - RETURNABLE_DELIVERED_DAYS_AGO * DAY)));
  if (days <= 0) return;
  const later = (iso: string | null) => (iso ? new Date(Date.parse(iso) + days * DAY).toISOString() : null);
  const seeded = new Set<string>(Object.values(demoTryThis.ecommerce));
  for (const order of Object.values(books.orders)) {
    if (!seeded.has(order.orderNo)) continue;
    order.orderedAt = later(order.orderedAt)!;
    order.shippedAt = later(order.shippedAt);
    order.deliveredAt = later(order.deliveredAt);
    order.expectedDelivery = order.expectedDelivery ? addDays(order.expectedDelivery, days) : null;
    for (const e of order.events) e.at = later(e.at)!;
  }
  for (const refund of Object.values(books.refunds)) {
    if (!seeded.has(refund.orderNo)) continue;
    refund.refundedAt = later(refund.refundedAt);
    refund.expectedDate = refund.expectedDate ? addDays(refund.expectedDate, days) : null;
  }
}
