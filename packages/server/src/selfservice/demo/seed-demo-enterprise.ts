import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { addDays, chinaDay, daysBetween } from '../china-calendar.js';
import { chinaWorkCalendar } from '@zhida/china-calendar';
import { asSelfServiceDb, type SelfServiceDb } from '../self-service-db.js';
import { BOOKING_HORIZON_WORKING_DAYS, ensureSlots } from './demo-appointment-connector.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Fills the demo enterprise backend of one tenant with realistic customers,
 * orders, accounts and services. Idempotent: an industry already seeded for the
 * tenant is not seeded again; only the shop's order dates are moved forward
 * and appointment slots topped up to the next 10 working days. Dates are
 * relative to `now`, so the demo always has returnable orders and free slots.
 *
 * @example await seedDemoEnterprise(db, tenant.id, 'ecommerce');
 */
export async function seedDemoEnterprise(database: Kysely<Database>, tenantId: string, industry: string, now: Date = new Date()): Promise<void> {
  const db = asSelfServiceDb(database);
  // Seeding is the operator's, for one tenant: it writes as that tenant, whoever calls it.
  await TenantScope.asTenant(tenantId, async () => {
    if (industry === 'ecommerce') await seedShop(db, tenantId, now);
    else if (industry === 'finance') await seedBank(db, tenantId, now);
    else if (industry === 'government') await seedGovernment(db, tenantId, now);
    else if (industry === 'telecom') await seedOperator(db, tenantId, now);
  });
}

/** The order numbers, mobiles and references a demo visitor can try (README lists them). */
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

/** The logged-in shopper who placed every seeded order; pass it as the widget's `data-user-id` (with a valid hash) to search them. */
export const DEMO_SHOPPER_ID = 'shopper-001';

async function alreadySeeded(db: SelfServiceDb, table: 'demo_orders' | 'demo_customers' | 'demo_gov_services' | 'demo_subscribers', tenantId: string): Promise<boolean> {
  const row = await db.selectFrom(table).select('tenant_id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  return row !== undefined;
}

// The seeded returnable order was delivered this long before seeding; re-anchoring keeps it so.
const RETURNABLE_DELIVERED_DAYS_AGO = 3;

async function seedShop(db: SelfServiceDb, tenantId: string, now: Date): Promise<void> {
  if (await alreadySeeded(db, 'demo_orders', tenantId)) {
    await assignShopper(db, tenantId);
    await reanchorShop(db, tenantId, now);
    return;
  }
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  const address = '上海市浦东新区张江路 88 弄 6 号 1202 室 张先生 138****8000';
  const orders = [
    { no: demoTryThis.ecommerce.returnable, product: 'huawei_mate60', item: '华为 Mate 60 12GB+512GB 雅川青 ×1', cents: 549900, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830193261', ordered: ago(6), shipped: ago(5), delivered: ago(RETURNABLE_DELIVERED_DAYS_AGO) },
    { no: demoTryThis.ecommerce.returnWindowPassed, product: 'down_jacket', item: '白鹅绒羽绒服 黑色 L ×1', cents: 89900, status: 'delivered', carrier: '圆通速递', tracking: 'YT7519044826113', ordered: ago(16), shipped: ago(15), delivered: ago(12) },
    { no: demoTryThis.ecommerce.freshFood, product: 'chile_cherries', item: '智利车厘子 JJ级 2kg 礼盒 ×1', cents: 25800, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830207745', ordered: ago(3), shipped: ago(3, -6), delivered: ago(2) },
    { no: demoTryThis.ecommerce.delayedShipment, product: 'air_fryer', item: '5L 空气炸锅 可视款 ×1', cents: 39900, status: 'shipped', carrier: '圆通速递', tracking: 'YT7519051173820', ordered: ago(5), shipped: ago(4), delivered: null },
    { no: demoTryThis.ecommerce.awaitingShipment, product: 'running_shoes', item: '缓震跑步鞋 42码 ×1', cents: 45900, status: 'paid', carrier: null, tracking: null, ordered: ago(0, 5), shipped: null, delivered: null },
    { no: demoTryThis.ecommerce.refundCompleted, product: 'bluetooth_earbuds', item: '真无线蓝牙耳机 白色 ×1', cents: 29900, status: 'delivered', carrier: '顺丰速运', tracking: 'SF1428830166502', ordered: ago(9), shipped: ago(8), delivered: ago(6) },
    { no: demoTryThis.ecommerce.unpaid, product: 'smart_tv_65', item: '65英寸 4K 智能电视 ×1', cents: 399900, status: 'pending_payment', carrier: null, tracking: null, ordered: ago(0, 1), shipped: null, delivered: null },
    { no: demoTryThis.ecommerce.cosmetics, product: 'face_cream', item: '修护保湿面霜 50ml ×2', cents: 33800, status: 'delivered', carrier: '圆通速递', tracking: 'YT7519049920457', ordered: ago(4), shipped: ago(3), delivered: ago(1) },
  ] as const;
  await db
    .insertInto('demo_orders')
    .values(
      orders.map((o) => ({
        tenant_id: tenantId,
        order_no: o.no,
        product_id: o.product,
        item_summary: o.item,
        amount_cents: o.cents,
        status: o.status,
        address,
        carrier: o.carrier,
        tracking_no: o.tracking,
        ordered_at: o.ordered,
        shipped_at: o.shipped,
        delivered_at: o.delivered,
        expected_delivery: o.shipped ? addDays(chinaDay(o.shipped), 2) : null,
        customer_id: DEMO_SHOPPER_ID,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'order_no']).doNothing())
    .execute();

  const events: { order_no: string; at: Date; description: string }[] = [];
  for (const o of orders) {
    if (!o.shipped) continue;
    const hub = o.carrier === '顺丰速运' ? '【杭州】顺丰速运 杭州转运中心' : '【杭州】圆通速递 杭州转运中心';
    events.push({ order_no: o.no, at: o.shipped, description: '【杭州】商家已发货，快递员已揽收' });
    events.push({ order_no: o.no, at: new Date(o.shipped.getTime() + 6 * HOUR), description: `${hub} 已发出，下一站【上海】` });
    events.push({ order_no: o.no, at: new Date(o.shipped.getTime() + 20 * HOUR), description: '【上海】已到达 上海浦东转运中心' });
    if (o.delivered) {
      events.push({ order_no: o.no, at: new Date(o.delivered.getTime() - 3 * HOUR), description: '【上海】派件中，快递员 李师傅 159****2231' });
      events.push({ order_no: o.no, at: o.delivered, description: '【上海】已签收，签收人：本人' });
    } else {
      events.push({ order_no: o.no, at: new Date(o.shipped.getTime() + 30 * HOUR), description: '【上海】因天气原因，派送延误，快件滞留在上海浦东转运中心' });
    }
  }
  await db.insertInto('demo_logistics_events').values(events.map((e) => ({ tenant_id: tenantId, ...e }))).execute();

  await db
    .insertInto('demo_refunds')
    .values([
      { tenant_id: tenantId, order_no: demoTryThis.ecommerce.refundCompleted, amount_cents: 29900, status: 'completed', channel: '微信支付（原路退回）', reason_text: null, expected_date: null, refunded_at: ago(1, 4) },
      { tenant_id: tenantId, order_no: demoTryThis.ecommerce.freshFood, amount_cents: 8600, status: 'processing', channel: '支付宝（原路退回）', reason_text: null, expected_date: addDays(chinaDay(now), 2), refunded_at: null },
      { tenant_id: tenantId, order_no: demoTryThis.ecommerce.returnWindowPassed, amount_cents: 89900, status: 'rejected', channel: '原支付渠道', reason_text: '退回商品吊牌已拆除，影响二次销售', expected_date: null, refunded_at: null },
    ])
    .onConflict((oc) => oc.columns(['tenant_id', 'order_no']).doNothing())
    .execute();
}

/** Shops seeded before migration 0005 get their seeded orders' owner; orders already owned are left alone. */
async function assignShopper(db: SelfServiceDb, tenantId: string): Promise<void> {
  const seeded = Object.values(demoTryThis.ecommerce) as string[];
  await db.updateTable('demo_orders').set({ customer_id: DEMO_SHOPPER_ID }).where('tenant_id', '=', tenantId).where('order_no', 'in', seeded).where('customer_id', 'is', null).execute();
}

/**
 * A demo database that lives for weeks would see its orders age out of the
 * 7-day window. On a later start, every seeded order, parcel event and refund
 * moves forward by whole days so the stories still work; what visitors did
 * (returns, cancellations) stays as it is.
 */
async function reanchorShop(db: SelfServiceDb, tenantId: string, now: Date): Promise<void> {
  const seeded = Object.values(demoTryThis.ecommerce) as string[];
  const orders = await db.selectFrom('demo_orders').selectAll().where('tenant_id', '=', tenantId).where('order_no', 'in', seeded).execute();
  const anchor = orders.find((o) => o.order_no === demoTryThis.ecommerce.returnable);
  if (!anchor?.delivered_at) return;
  const days = daysBetween(chinaDay(new Date(anchor.delivered_at)), chinaDay(new Date(now.getTime() - RETURNABLE_DELIVERED_DAYS_AGO * DAY)));
  if (days <= 0) return;
  const later = (d: Date | null) => (d ? new Date(new Date(d).getTime() + days * DAY) : null);
  await db.transaction().execute(async (trx) => {
    // Each order moves only from the dates read above, so a second node starting at the same time moves nothing twice.
    let moved = 0;
    for (const o of orders) {
      const result = await trx
        .updateTable('demo_orders')
        .set({ ordered_at: later(o.ordered_at)!, shipped_at: later(o.shipped_at), delivered_at: later(o.delivered_at), expected_delivery: o.expected_delivery ? addDays(o.expected_delivery, days) : null })
        .where('tenant_id', '=', tenantId)
        .where('order_no', '=', o.order_no)
        .where('ordered_at', '=', o.ordered_at)
        .executeTakeFirst();
      moved += Number(result.numUpdatedRows);
    }
    if (moved === 0) return;
    const events = await trx.selectFrom('demo_logistics_events').select(['id', 'at']).where('tenant_id', '=', tenantId).where('order_no', 'in', seeded).execute();
    for (const e of events) await trx.updateTable('demo_logistics_events').set({ at: later(e.at)! }).where('id', '=', e.id).execute();
    const refunds = await trx.selectFrom('demo_refunds').selectAll().where('tenant_id', '=', tenantId).where('order_no', 'in', seeded).execute();
    for (const r of refunds) {
      await trx
        .updateTable('demo_refunds')
        .set({ refunded_at: later(r.refunded_at), expected_date: r.expected_date ? addDays(r.expected_date, days) : null })
        .where('tenant_id', '=', tenantId)
        .where('order_no', '=', r.order_no)
        .execute();
    }
  });
}

async function seedBank(db: SelfServiceDb, tenantId: string, now: Date): Promise<void> {
  if (await alreadySeeded(db, 'demo_customers', tenantId)) return;
  const today = chinaDay(now);
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  await db
    .insertInto('demo_customers')
    .values([
      { tenant_id: tenantId, customer_id: 'C10001', name: '张伟', mobile: '13800138000' },
      { tenant_id: tenantId, customer_id: 'C10002', name: '李娜', mobile: '13900139000' },
    ])
    .execute();
  await db
    .insertInto('demo_accounts')
    .values([
      { tenant_id: tenantId, customer_id: 'C10001', account_last4: '6688', available_cents: 2568050, ledger_cents: 2618050 },
      { tenant_id: tenantId, customer_id: 'C10002', account_last4: '1024', available_cents: 832015, ledger_cents: 832015 },
    ])
    .execute();
  await db
    .insertInto('demo_cards')
    .values([
      { tenant_id: tenantId, customer_id: 'C10001', last4: '6688', kind: 'debit', status: 'active' },
      { tenant_id: tenantId, customer_id: 'C10001', last4: '4321', kind: 'credit', status: 'active' },
      { tenant_id: tenantId, customer_id: 'C10002', last4: '1024', kind: 'debit', status: 'active' },
      { tenant_id: tenantId, customer_id: 'C10002', last4: '9527', kind: 'credit', status: 'lost' },
    ])
    .execute();
  await db
    .insertInto('demo_card_bills')
    .values([
      { tenant_id: tenantId, customer_id: 'C10001', card_last4: '4321', month: lastMonth, amount_due_cents: 683240, minimum_due_cents: 68324, due_date: `${today.slice(0, 7)}-20` },
      { tenant_id: tenantId, customer_id: 'C10001', card_last4: '4321', month: monthBefore, amount_due_cents: 412600, minimum_due_cents: 41260, due_date: `${lastMonth}-20` },
      { tenant_id: tenantId, customer_id: 'C10002', card_last4: '9527', month: lastMonth, amount_due_cents: 125800, minimum_due_cents: 12580, due_date: `${today.slice(0, 7)}-20` },
    ])
    .execute();
  await db
    .insertInto('demo_transfers')
    .values([
      { tenant_id: tenantId, transfer_id: 'T2026000101', customer_id: 'C10001', day: addDays(today, -1), amount_cents: 50000, payee_name: '王芳', payee_account_last4: '3377', status: 'completed' },
      { tenant_id: tenantId, transfer_id: 'T2026000102', customer_id: 'C10001', day: today, amount_cents: 1200000, payee_name: '杭州明远装饰工程有限公司', payee_account_last4: '0091', status: 'processing' },
      { tenant_id: tenantId, transfer_id: 'T2026000103', customer_id: 'C10001', day: addDays(today, -3), amount_cents: 300000, payee_name: '刘建国', payee_account_last4: '8812', status: 'returned' },
    ])
    .execute();
}

const GOV_SERVICES = [
  { code: 'household', name: '户籍业务（含居住证办理）', location: '市民服务中心 A 区 3 号窗口（人民路 100 号）', materials: ['身份证原件', '户口簿', '近期免冠照片'], review_days: 5 },
  { code: 'id_card', name: '居民身份证办理', location: '市民服务中心 A 区 5 号窗口（人民路 100 号）', materials: ['户口簿', '旧身份证（换领时）'], review_days: 15 },
  { code: 'social_security', name: '社保卡补办', location: '市民服务中心 B 区 12 号窗口（人民路 100 号）', materials: ['身份证原件', '近期免冠照片'], review_days: 7 },
  { code: 'business_license', name: '营业执照办理', location: '市民服务中心 C 区商事登记窗口（人民路 100 号）', materials: ['法定代表人身份证', '经营场所证明', '公司章程'], review_days: 3 },
  { code: 'tax', name: '税务登记与发票申领', location: '市民服务中心 C 区税务窗口（人民路 100 号）', materials: ['营业执照', '法定代表人身份证'], review_days: 2 },
] as const;

async function seedGovernment(db: SelfServiceDb, tenantId: string, now: Date): Promise<void> {
  const today = chinaDay(now);
  if (!(await alreadySeeded(db, 'demo_gov_services', tenantId))) {
    await db
      .insertInto('demo_gov_services')
      .values(GOV_SERVICES.map((s) => ({ tenant_id: tenantId, code: s.code, name: s.name, location: s.location, materials: JSON.stringify(s.materials), review_days: s.review_days })))
      .execute();
    await db
      .insertInto('demo_applications')
      .values([
        { tenant_id: tenantId, reference: demoTryThis.government.pendingMaterials, service_name: '居住证办理', applicant: '330106********1234', stage: '待补充材料', detail: '材料初审发现缺少租房合同，请补充后进入审核', expected_date: addDays(today, 5), required_materials: JSON.stringify(['房屋租赁合同（已备案）', '近期免冠照片']), awaiting_materials: true, review_days: 5, created_at: new Date(now.getTime() - 7 * DAY) },
        { tenant_id: tenantId, reference: demoTryThis.government.inReview, service_name: '社保卡补办', applicant: '330106********5678', stage: '制卡中', detail: '已通过审核，银行正在制卡，制卡完成后将短信通知领取', expected_date: addDays(today, 4), required_materials: JSON.stringify([]), awaiting_materials: false, review_days: 7, created_at: new Date(now.getTime() - 5 * DAY) },
        { tenant_id: tenantId, reference: demoTryThis.government.finished, service_name: '营业执照办理', applicant: '330106********9012', stage: '已办结', detail: '营业执照已核发，可在市民服务中心 C 区领取或申请邮寄', expected_date: addDays(today, -8), required_materials: JSON.stringify([]), awaiting_materials: false, review_days: 3, created_at: new Date(now.getTime() - 15 * DAY) },
      ])
      .execute();
  }
  for (const day of chinaWorkCalendar.nextWorkingDays(today, BOOKING_HORIZON_WORKING_DAYS)) {
    for (const service of GOV_SERVICES) await ensureSlots(db, tenantId, service.code, day);
  }
}

// Installation addresses of the seeded broadband lines. 陈静's line shares 王强's lane, building and
// room numbers on another road, so "88弄3号1202室" alone is ambiguous while "张江路88弄3号1202室" is not.
const BROADBAND_ADDRESSES = [
  { account: 'KD0571001234', address: demoTryThis.telecom.broadbandAddress },
  { account: 'KD0571005678', address: '上海市闵行区七莘路 88 弄 3 号 1202 室' },
] as const;

async function seedOperator(db: SelfServiceDb, tenantId: string, now: Date): Promise<void> {
  if (await alreadySeeded(db, 'demo_subscribers', tenantId)) {
    await addBroadbandAddresses(db, tenantId);
    return;
  }
  const today = chinaDay(now);
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  await db
    .insertInto('demo_plans')
    .values([
      { tenant_id: tenantId, plan_id: 'P29', name: '畅享 29 元套餐', monthly_fee_cents: 2900, data_gb: 5, minutes: 100 },
      { tenant_id: tenantId, plan_id: 'P59', name: '畅享 59 元套餐', monthly_fee_cents: 5900, data_gb: 30, minutes: 300 },
      { tenant_id: tenantId, plan_id: 'P99', name: '5G 畅享 99 元套餐', monthly_fee_cents: 9900, data_gb: 60, minutes: 500 },
      { tenant_id: tenantId, plan_id: 'P129', name: '5G 尊享 129 元套餐', monthly_fee_cents: 12900, data_gb: 100, minutes: 1000 },
    ])
    .execute();
  await db
    .insertInto('demo_subscribers')
    .values([
      { tenant_id: tenantId, mobile: '13800001111', customer_id: 'U20001', name: '王强', plan_id: 'P59', arrears_cents: 0, contract_until: null, broadband_account: 'KD0571001234' },
      { tenant_id: tenantId, mobile: '13900002222', customer_id: 'U20002', name: '刘洋', plan_id: 'P29', arrears_cents: 4680, contract_until: null, broadband_account: null },
      { tenant_id: tenantId, mobile: '13700003333', customer_id: 'U20003', name: '陈静', plan_id: 'P129', arrears_cents: 0, contract_until: addDays(today, 200), broadband_account: 'KD0571005678' },
    ])
    .execute();
  await addBroadbandAddresses(db, tenantId);
  const bills = [
    ['13800001111', lastMonth, 5900, 1200, 1000],
    ['13800001111', monthBefore, 5900, 0, 1000],
    ['13900002222', lastMonth, 2900, 1780, 0],
    ['13700003333', lastMonth, 12900, 0, 500],
  ] as const;
  await db
    .insertInto('demo_phone_bills')
    .values(bills.map(([mobile, month, plan, extra, va]) => ({ tenant_id: tenantId, mobile, month, plan_fee_cents: plan, extra_fee_cents: extra, value_added_fee_cents: va })))
    .execute();
  await db
    .insertInto('demo_usage')
    .values([
      { tenant_id: tenantId, mobile: '13800001111', total_gb: 30, used_gb: 29.4, total_minutes: 300, used_minutes: 187, as_of: now },
      { tenant_id: tenantId, mobile: '13900002222', total_gb: 5, used_gb: 1.2, total_minutes: 100, used_minutes: 35, as_of: now },
      { tenant_id: tenantId, mobile: '13700003333', total_gb: 100, used_gb: 42.75, total_minutes: 1000, used_minutes: 410, as_of: now },
    ])
    .execute();
}

/** Operators seeded before migration 0006 get their lines' addresses; an address already set is left alone. */
async function addBroadbandAddresses(db: SelfServiceDb, tenantId: string): Promise<void> {
  for (const { account, address } of BROADBAND_ADDRESSES) {
    await db.updateTable('demo_subscribers').set({ broadband_address: address }).where('tenant_id', '=', tenantId).where('broadband_account', '=', account).where('broadband_address', 'is', null).execute();
  }
}
