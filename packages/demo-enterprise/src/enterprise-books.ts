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
  /** The shop's customer (Zhida's verified visitor id) who placed it. */
  customerId?: string | null;
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
  /** As filed; where the request stands now follows the warehouse's schedule (after-sales-progression.ts). */
  status: 'submitted';
  createdAt: string;
}

export interface SubscriberRecord {
  mobile: string;
  customerId: string;
  name: string;
  planId: string;
  arrearsCents: number;
  /** Last day of a contract that forbids porting out, `YYYY-MM-DD`. */
  contractUntil: string | null;
  broadbandAccount: string | null;
  broadbandAddress: string | null;
}

export interface BankCustomerRecord {
  customerId: string;
  name: string;
  mobile: string;
}

export interface BankAccountRecord {
  customerId: string;
  accountLast4: string;
  availableCents: number;
  ledgerCents: number;
}

export interface CardRecord {
  customerId: string;
  last4: string;
  kind: 'debit' | 'credit';
  status: 'active' | 'lost';
}

export interface CardBillRecord {
  customerId: string;
  cardLast4: string;
  month: string;
  amountDueCents: number;
  minimumDueCents: number;
  dueDate: string;
}

export interface TransferRecord {
  transferId: string;
  customerId: string;
  day: string;
  amountCents: number;
  payeeName: string;
  payeeAccountLast4: string;
  status: 'completed' | 'processing' | 'returned';
}

export interface GovServiceRecord {
  code: string;
  name: string;
  location: string;
  materials: string[];
  reviewDays: number;
}

export interface SlotRecord {
  id: string;
  serviceCode: string;
  day: string;
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
}

export interface AppointmentRecord {
  reference: string;
  slotId: string;
  name: string;
  /** sha256 of the ID card number: the hall only needs to spot a second booking of the same person. */
  idCardHash: string;
  conversationId: string | null;
  customerId: string | null;
  createdAt: string;
}

export interface ApplicationRecord {
  reference: string;
  serviceName: string;
  applicant: string;
  stage: string;
  detail: string;
  expectedDate: string | null;
  requiredMaterials: string[];
  awaitingMaterials: boolean;
  reviewDays: number;
  /** Who filed it or sent its materials through Zhida (a verified customer); null for the seeded ones. */
  customerId: string | null;
  /** The chat that filed it through Zhida; null for the seeded ones. */
  conversationId?: string | null;
  createdAt: string;
}

/** A conversation that asked to upload materials for an application: its next file is filed there. */
export interface MaterialExpectationRecord {
  applicationRef: string;
  conversationId: string;
  customerId: string | null;
  createdAt: string;
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
  /** What the customer may read back about it (symptom, delivery, plan ids …); never tax ids or e-mails. */
  detail?: Record<string, string>;
  /** The verified customer who asked through Zhida, when one did. */
  customerId?: string | null;
}

/** Everything the fake enterprise keeps for one Zhida tenant: its shop, mobile operator, bank and government hall. */
export interface TenantBooks {
  bankCustomers: Record<string, BankCustomerRecord>;
  accounts: BankAccountRecord[];
  cards: CardRecord[];
  cardBills: CardBillRecord[];
  transfers: TransferRecord[];
  govServices: GovServiceRecord[];
  slots: Record<string, SlotRecord>;
  appointments: AppointmentRecord[];
  applications: Record<string, ApplicationRecord>;
  materialExpectations: MaterialExpectationRecord[];
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
  finance: { mobile: '13800138000', cards: ['6688 (借记卡)', '4321 (信用卡)'], secondMobile: '13900139000' },
  government: { pendingMaterials: 'SQ2026111800120', inReview: 'SQ2026112000310', finished: 'SQ2026111000070' },
  telecom: { lowData: '13800001111', arrears: '13900002222', contract: '13700003333', broadband: 'KD0571001234', broadbandAddress: '上海市浦东新区张江路88弄3号1202室' },
} as const;

/** The logged-in shopper who placed every seeded order (Zhida's widget passes it as `data-user-id`). */
export const DEMO_SHOPPER_ID = 'shopper-001';

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
      customerId: DEMO_SHOPPER_ID,
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
    subscribers: seedSubscribers(today),
    phoneBills: bills.map(([mobile, month, planFeeCents, extraFeeCents, valueAddedFeeCents]) => ({ mobile, month, planFeeCents, extraFeeCents, valueAddedFeeCents })),
    usage: {
      '13800001111': { totalGb: 30, usedGb: 29.4, totalMinutes: 300, usedMinutes: 187, asOf: now.toISOString() },
      '13900002222': { totalGb: 5, usedGb: 1.2, totalMinutes: 100, usedMinutes: 35, asOf: now.toISOString() },
      '13700003333': { totalGb: 100, usedGb: 42.75, totalMinutes: 1000, usedMinutes: 410, asOf: now.toISOString() },
    },
    ...seedBank(now),
    ...seedGovernment(now),
    sequences: {},
    idempotent: {},
  };
}

function seedSubscribers(today: string): Record<string, SubscriberRecord> {
  const line = (mobile: string, customerId: string, name: string, planId: string, more: Partial<SubscriberRecord>): SubscriberRecord => ({
    mobile,
    customerId,
    name,
    planId,
    arrearsCents: 0,
    contractUntil: null,
    broadbandAccount: null,
    broadbandAddress: null,
    ...more,
  });
  // 陈静's line shares 王强's lane, building and room numbers on another road, so "88弄3号1202室" alone is ambiguous.
  return {
    '13800001111': line('13800001111', 'U20001', '王强', 'P59', { broadbandAccount: demoTryThis.telecom.broadband, broadbandAddress: demoTryThis.telecom.broadbandAddress }),
    '13900002222': line('13900002222', 'U20002', '刘洋', 'P29', { arrearsCents: 4680 }),
    '13700003333': line('13700003333', 'U20003', '陈静', 'P129', { contractUntil: addDays(today, 200), broadbandAccount: 'KD0571005678', broadbandAddress: '上海市闵行区七莘路 88 弄 3 号 1202 室' }),
  };
}

function seedBank(now: Date): Pick<TenantBooks, 'bankCustomers' | 'accounts' | 'cards' | 'cardBills' | 'transfers'> {
  const today = chinaDay(now);
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  return {
    bankCustomers: {
      C10001: { customerId: 'C10001', name: '张伟', mobile: demoTryThis.finance.mobile },
      C10002: { customerId: 'C10002', name: '李娜', mobile: demoTryThis.finance.secondMobile },
    },
    accounts: [
      { customerId: 'C10001', accountLast4: '6688', availableCents: 2568050, ledgerCents: 2618050 },
      { customerId: 'C10002', accountLast4: '1024', availableCents: 832015, ledgerCents: 832015 },
    ],
    cards: [
      { customerId: 'C10001', last4: '6688', kind: 'debit', status: 'active' },
      { customerId: 'C10001', last4: '4321', kind: 'credit', status: 'active' },
      { customerId: 'C10002', last4: '1024', kind: 'debit', status: 'active' },
      { customerId: 'C10002', last4: '9527', kind: 'credit', status: 'lost' },
    ],
    cardBills: [
      { customerId: 'C10001', cardLast4: '4321', month: lastMonth, amountDueCents: 683240, minimumDueCents: 68324, dueDate: `${today.slice(0, 7)}-20` },
      { customerId: 'C10001', cardLast4: '4321', month: monthBefore, amountDueCents: 412600, minimumDueCents: 41260, dueDate: `${lastMonth}-20` },
      { customerId: 'C10002', cardLast4: '9527', month: lastMonth, amountDueCents: 125800, minimumDueCents: 12580, dueDate: `${today.slice(0, 7)}-20` },
    ],
    transfers: [
      { transferId: 'T2026000101', customerId: 'C10001', day: addDays(today, -1), amountCents: 50000, payeeName: '王芳', payeeAccountLast4: '3377', status: 'completed' },
      { transferId: 'T2026000102', customerId: 'C10001', day: today, amountCents: 1200000, payeeName: '杭州明远装饰工程有限公司', payeeAccountLast4: '0091', status: 'processing' },
      { transferId: 'T2026000103', customerId: 'C10001', day: addDays(today, -3), amountCents: 300000, payeeName: '刘建国', payeeAccountLast4: '8812', status: 'returned' },
    ],
  };
}

const GOV_SERVICES: GovServiceRecord[] = [
  { code: 'household', name: '户籍业务（含居住证办理）', location: '市民服务中心 A 区 3 号窗口（人民路 100 号）', materials: ['身份证原件', '户口簿', '近期免冠照片'], reviewDays: 5 },
  { code: 'id_card', name: '居民身份证办理', location: '市民服务中心 A 区 5 号窗口（人民路 100 号）', materials: ['户口簿', '旧身份证（换领时）'], reviewDays: 15 },
  { code: 'social_security', name: '社保卡补办', location: '市民服务中心 B 区 12 号窗口（人民路 100 号）', materials: ['身份证原件', '近期免冠照片'], reviewDays: 7 },
  { code: 'business_license', name: '营业执照办理', location: '市民服务中心 C 区商事登记窗口（人民路 100 号）', materials: ['法定代表人身份证', '经营场所证明', '公司章程'], reviewDays: 3 },
  { code: 'tax', name: '税务登记与发票申领', location: '市民服务中心 C 区税务窗口（人民路 100 号）', materials: ['营业执照', '法定代表人身份证'], reviewDays: 2 },
];

function seedGovernment(now: Date): Pick<TenantBooks, 'govServices' | 'slots' | 'appointments' | 'applications' | 'materialExpectations'> {
  const today = chinaDay(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const g = demoTryThis.government;
  const application = (reference: string, a: Omit<ApplicationRecord, 'reference' | 'customerId'>): ApplicationRecord => ({ reference, customerId: null, ...a });
  return {
    govServices: GOV_SERVICES.map((s) => ({ ...s, materials: [...s.materials] })),
    // Slots of a working day are opened on first use, so the calendar never runs out.
    slots: {},
    appointments: [],
    applications: {
      [g.pendingMaterials]: application(g.pendingMaterials, { serviceName: '居住证办理', applicant: '330106********1234', stage: '待补充材料', detail: '材料初审发现缺少租房合同，请补充后进入审核', expectedDate: addDays(today, 5), requiredMaterials: ['房屋租赁合同（已备案）', '近期免冠照片'], awaitingMaterials: true, reviewDays: 5, createdAt: ago(7) }),
      [g.inReview]: application(g.inReview, { serviceName: '社保卡补办', applicant: '330106********5678', stage: '制卡中', detail: '已通过审核，银行正在制卡，制卡完成后将短信通知领取', expectedDate: addDays(today, 4), requiredMaterials: [], awaitingMaterials: false, reviewDays: 7, createdAt: ago(5) }),
      [g.finished]: application(g.finished, { serviceName: '营业执照办理', applicant: '330106********9012', stage: '已办结', detail: '营业执照已核发，可在市民服务中心 C 区领取或申请邮寄', expectedDate: addDays(today, -8), requiredMaterials: [], awaitingMaterials: false, reviewDays: 3, createdAt: ago(15) }),
    },
    materialExpectations: [],
  };
}

/**
 * Books saved by an older version of the demo enterprise lack what it has learnt since (the bank, the
 * government hall, broadband lines): those parts are added from a fresh seed; what is there stays.
 */
export function completeBooks(books: TenantBooks, now: Date): void {
  const fresh = seedBooks(now);
  const target = books as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(fresh)) target[key] ??= value;
  for (const [mobile, line] of Object.entries(fresh.subscribers)) {
    const known = books.subscribers[mobile];
    if (known && known.arrearsCents === undefined) Object.assign(known, { ...line, planId: known.planId });
  }
  for (const order of Object.values(books.orders)) {
    if (order.customerId === undefined && fresh.orders[order.orderNo]) order.customerId = DEMO_SHOPPER_ID;
  }
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
