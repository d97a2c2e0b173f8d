/**
 * The simulated customers of bench:recommend: each has records (what the enterprise's systems
 * show, as recommendation signals), past questions, maybe a page they are on, and a latent current
 * need. The need comes from the customer's *situation* through this file's own affinity table —
 * written from how customers behave, not from the recommender's rules (record-rules.ts is not
 * imported here, and the click model never sees a score): a parcel in transit makes some customers
 * want tracking, a delivered parcel makes more of them want an invoice than a return, many needs
 * have no record behind them at all, and a quarter of visitors want nothing.
 */
import type { CustomerSignalKind } from '../../packages/server/src/recommendations/customer-signal.js';

export type Industry = 'ecommerce' | 'finance' | 'government' | 'telecom';
export const INDUSTRIES: Industry[] = ['ecommerce', 'finance', 'government', 'telecom'];

interface Situation {
  p: number;
  signals: CustomerSignalKind[];
  /** How likely this situation makes each need (the rest of the time it makes none). */
  needs: Record<string, number>;
}

/** Situations per industry: how often a customer is in one, what the records show, what they then want. */
const SITUATIONS: Record<Industry, Situation[]> = {
  ecommerce: [
    { p: 0.3, signals: ['order_shipped'], needs: { logistics_delay: 0.4, order_status: 0.2, modify_address: 0.04 } },
    { p: 0.08, signals: ['order_shipped', 'order_delayed'], needs: { logistics_delay: 0.65, cancel_order: 0.05, order_status: 0.1 } },
    { p: 0.22, signals: ['order_delivered_recently'], needs: { invoice_request: 0.22, return_request: 0.12, exchange_request: 0.08, order_status: 0.05 } },
    { p: 0.12, signals: ['refund_processing'], needs: { refund_status: 0.6, return_request: 0.05 } },
    { p: 0.06, signals: ['return_in_progress'], needs: { refund_status: 0.45, return_request: 0.1 } },
    { p: 0.08, signals: ['order_unpaid'], needs: { cancel_order: 0.2, order_status: 0.1, modify_address: 0.08 } },
    { p: 0.1, signals: ['order_awaiting_shipment'], needs: { order_status: 0.3, modify_address: 0.12, cancel_order: 0.08 } },
    { p: 0.07, signals: ['ticket_open'], needs: { ticket_status: 0.5 } },
  ],
  finance: [
    { p: 0.3, signals: ['card_bill_due'], needs: { credit_card_bill: 0.5, balance_query: 0.08 } },
    { p: 0.08, signals: ['transfer_processing'], needs: { transfer_issue: 0.55, balance_query: 0.1 } },
    { p: 0.05, signals: ['transfer_returned'], needs: { transfer_issue: 0.7 } },
    { p: 0.05, signals: ['card_lost'], needs: { card_loss_report: 0.35, password_reset: 0.1 } },
    { p: 0.06, signals: ['ticket_open'], needs: { ticket_status: 0.5 } },
  ],
  government: [
    { p: 0.18, signals: ['application_awaiting_materials'], needs: { material_upload: 0.6, progress_query: 0.2 } },
    { p: 0.3, signals: ['application_in_progress'], needs: { progress_query: 0.5, material_upload: 0.05 } },
    { p: 0.12, signals: ['appointment_upcoming'], needs: { appointment_booking: 0.25, progress_query: 0.05 } },
    { p: 0.05, signals: ['ticket_open'], needs: { ticket_status: 0.5 } },
  ],
  telecom: [
    { p: 0.1, signals: ['phone_arrears'], needs: { bill_query: 0.6 } },
    { p: 0.25, signals: ['data_running_low'], needs: { data_usage: 0.35, plan_change: 0.25 } },
    { p: 0.06, signals: ['ticket_open'], needs: { ticket_status: 0.45, broadband_fault: 0.1 } },
  ],
};

/** What customers of each industry want with no record behind it (monthly bills, forgotten passwords, curiosity). */
const BACKGROUND: Record<Industry, Record<string, number>> = {
  ecommerce: { order_status: 0.25, logistics_delay: 0.2, return_request: 0.14, refund_status: 0.12, invoice_request: 0.08, exchange_request: 0.06, modify_address: 0.06, cancel_order: 0.06, ticket_status: 0.03 },
  finance: { balance_query: 0.3, credit_card_bill: 0.2, password_reset: 0.18, transfer_issue: 0.12, card_loss_report: 0.1, ticket_status: 0.1 },
  government: { appointment_booking: 0.35, progress_query: 0.25, certificate_request: 0.25, material_upload: 0.1, ticket_status: 0.05 },
  telecom: { bill_query: 0.3, data_usage: 0.22, plan_change: 0.18, broadband_fault: 0.12, sim_replacement: 0.08, number_porting: 0.06, ticket_status: 0.04 },
};

/** Paths of a typical site's pages where each need arises (some use words the recommender knows, some do not). */
const PAGES: Record<string, string[]> = {
  logistics_delay: ['/order/logistics 物流详情', '/m/track 包裹跟踪', '/user/parcel 我的包裹'],
  order_status: ['/order/list 我的订单', '/user/center 个人中心'],
  return_request: ['/aftersale/apply 申请售后', '/service/return 退货须知'],
  refund_status: ['/aftersale/refund 退款详情', '/user/wallet 我的钱包'],
  exchange_request: ['/aftersale/exchange 换货', '/aftersale/apply 申请售后'],
  invoice_request: ['/invoice/apply 申请发票', '/order/detail 订单详情'],
  modify_address: ['/user/address 收货地址', '/checkout 结算'],
  cancel_order: ['/pay/cashier 收银台', '/order/detail 订单详情'],
  credit_card_bill: ['/creditcard/bill 信用卡账单', '/card/repay 还款'],
  balance_query: ['/account/overview 账户总览', '/m/home 首页'],
  transfer_issue: ['/transfer/records 转账记录', '/remit 汇款'],
  card_loss_report: ['/card/manage 卡片管理', '/security 安全中心'],
  password_reset: ['/security/password 修改密码', '/login 登录'],
  material_upload: ['/apply/materials 补正材料', '/my/applications 我的办件'],
  progress_query: ['/my/applications 我的办件', '/progress 进度查询'],
  appointment_booking: ['/booking 预约', '/hall 办事大厅'],
  certificate_request: ['/certificate 证明开具', '/hall 办事大厅'],
  bill_query: ['/fee/bill 话费账单', '/recharge 充值缴费'],
  data_usage: ['/usage 流量使用', '/m/home 首页'],
  plan_change: ['/plans 5G套餐', '/tariff 资费'],
  broadband_fault: ['/broadband 宽带服务', '/repair 故障报修'],
  sim_replacement: ['/card/sim 补换卡', '/store 营业厅'],
  number_porting: ['/porting 携号转网', '/service 业务办理'],
  ticket_status: ['/feedback/list 我的反馈', '/service 服务中心'],
};

export interface SimulatedCustomer {
  industry: Industry;
  id: string;
  /** Signed-in and verified: their records and history are known. Anonymous visitors have neither. */
  verified: boolean;
  signals: { kind: CustomerSignalKind; daysAgo: number }[];
  /** Past questions (intents) with how many days ago. */
  pastIntents: { intent: string; daysAgo: number }[];
  page: string | null;
  /** What they want now, or null (browsing). */
  need: string | null;
}

const BROWSING = 0.25;
const VERIFIED = 0.7;
const BACKGROUND_SHARE = 0.35;

function pick(weights: Record<string, number>, random: () => number): string | null {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  if (total <= 0) return null;
  let x = random() * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries.at(-1)![0];
}

/** One population, fully determined by the seed. */
export function simulatePopulation(industry: Industry, count: number, random: () => number): SimulatedCustomer[] {
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const situations = SITUATIONS[industry].filter((s) => random() < s.p);
    const affinities: Record<string, number> = {};
    for (const s of situations) for (const [need, w] of Object.entries(s.needs)) affinities[need] = Math.max(affinities[need] ?? 0, w);
    for (const [need, w] of Object.entries(BACKGROUND[industry])) affinities[need] = (affinities[need] ?? 0) + BACKGROUND_SHARE * w;
    const need = random() < BROWSING ? null : pick(affinities, random);
    // Past questions echo what this customer tends to want (their affinities), not today's need as such.
    const pastIntents: SimulatedCustomer['pastIntents'] = [];
    if (random() < 0.5) {
      const asks = 1 + Math.floor(random() * 3);
      for (let a = 0; a < asks; a++) pastIntents.push({ intent: pick(affinities, random)!, daysAgo: 1 + Math.floor(random() * 25) });
    }
    const pages = need ? PAGES[need] : undefined;
    const page = pages && random() < 0.4 ? pages[Math.floor(random() * pages.length)]! : random() < 0.3 ? '/ 首页' : null;
    out.push({
      industry,
      id: `sim-${industry}-${i}`,
      verified: random() < VERIFIED,
      signals: situations.flatMap((s) => s.signals.map((kind) => ({ kind, daysAgo: Math.floor(random() * 10) }))),
      pastIntents,
      page,
      need,
    });
  }
  return out;
}

/** Position examination probabilities of a 4-chip row (people read the first chips more). */
const EXAMINE = [1, 0.8, 0.6, 0.45, 0.35, 0.3];
const CLICK_IF_NEEDED = 0.9;
const CURIOSITY = 0.02;

/**
 * The click model: a cascade over the shown intents in order — each examined with its position's
 * probability; the one the customer needs is clicked with 0.9, any other with 0.02 (curiosity);
 * the first click ends the session. It reads the list and the latent need only.
 */
export function simulateClick(customer: SimulatedCustomer, shown: readonly string[], random: () => number): number | null {
  for (let i = 0; i < shown.length; i++) {
    if (random() >= (EXAMINE[i] ?? 0.25)) continue;
    if (random() < (shown[i] === customer.need ? CLICK_IF_NEEDED : CURIOSITY)) return i;
  }
  return null;
}
