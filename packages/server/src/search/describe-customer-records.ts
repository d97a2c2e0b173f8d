import { chinaDay } from '../selfservice/china-calendar.js';
import type { OrderStatus } from '../selfservice/connectors/order-connector.js';
import type { CustomerRecord } from './customer-record-matches.js';

// What each kind of record says in the visitor's words. `text` is what BM25 finds a record by, so
// it carries the words a visitor uses for that kind ("退货", "预约", "申请") and the status text.

const ORDER_STATUS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '已付款 待发货',
  shipped: '已发货 运输中',
  delivered: '已签收',
  cancelled: '已取消',
};

/** An order as the enterprise's customer records list it. */
export function describeOrder(o: { order_no: string; item_summary: string; status: OrderStatus }): CustomerRecord {
  const status = ORDER_STATUS[o.status];
  return { type: 'order', id: o.order_no, title: `订单 ${o.order_no}`, text: `订单 ${o.item_summary} ${status}`, snippet: `${o.item_summary} · ${status}` };
}

const REQUEST_KIND: Record<string, string> = {
  logistics_urge: '催件工单',
  invoice: '发票申请',
  materials_expected: '补交材料',
  plan_change: '套餐变更',
  broadband_fault: '宽带报修',
  sim_replacement: '补换 SIM 卡',
  card_loss: '银行卡挂失',
  password_reset: '密码重置',
};

function requestLabel(kind: string): string {
  if (kind.startsWith('ticket:')) return kind === 'ticket:complaint' ? '投诉工单' : '工单';
  return REQUEST_KIND[kind] ?? kind;
}

function detailText(detail: Record<string, unknown>, key: string): string | null {
  const value = detail[key];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * What a request is about, from its subject (an order number, mobile, card's last 4 digits…)
 * and the few `detail` fields a visitor may read back: never tax ids, e-mails or customer ids.
 */
function requestSummary(kind: string, subject: string, detail: Record<string, unknown>, planNames: ReadonlyMap<string, string>): string {
  switch (kind) {
    case 'logistics_urge':
      return `订单 ${subject} 催件`;
    case 'invoice':
      return `订单 ${subject} 开发票`;
    case 'materials_expected':
      return `申请 ${subject} 补交材料`;
    case 'card_loss':
      return `尾号 ${subject} 的银行卡已挂失`;
    case 'password_reset':
      return `尾号 ${subject} 的银行卡${detailText(detail, 'kind') === 'login' ? '登录' : '交易'}密码重置`;
    case 'plan_change': {
      const plan = (key: string) => planNames.get(detailText(detail, key) ?? '') ?? detailText(detail, key) ?? '?';
      const effective = detailText(detail, 'effectiveDate');
      return `${subject} 套餐 ${plan('from')} → ${plan('to')}${effective ? ` · ${effective} 生效` : ''}`;
    }
    case 'broadband_fault': {
      const symptom = detailText(detail, 'symptom');
      return `宽带 ${subject}${symptom ? ` · ${symptom}` : ''}`;
    }
    case 'sim_replacement':
      return `${subject} 补换卡 · ${detailText(detail, 'delivery') === 'mail' ? '邮寄新卡' : '营业厅领取'}`;
    default:
      return subject;
  }
}

/**
 * A service request (the enterprise's record): tickets, and the shop, bank and telecom requests that have no
 * richer table (催件, 发票, 挂失, 密码重置, 套餐变更, 宽带报修, 补换卡). `planNames` maps plan ids to names.
 */
export function describeServiceRequest(
  r: { reference: string; kind: string; subject: string; detail: Record<string, unknown> | null },
  planNames: ReadonlyMap<string, string> = new Map(),
): CustomerRecord {
  const label = requestLabel(r.kind);
  const summary = requestSummary(r.kind, r.subject, r.detail ?? {}, planNames);
  return { type: 'ticket', id: r.reference, title: `${label} ${r.reference}`, text: `${label} ${summary}`, snippet: summary };
}

// A shop's after-sales system moves a request from `submitted` through these steps (the demo
// enterprise's warehouse does); unknown statuses are shown as stored.
const RETURN_STATUS: Record<string, string> = {
  shipped_back: '已寄回，待验收',
  received: '已收货，验收中',
  approved: '验收通过',
  refunded: '已退款',
  completed: '已完成',
  rejected: '未通过审核',
  cancelled: '已取消',
};

function returnStatus(r: { kind: string; status: string; method: string | null }): string {
  if (r.status === 'submitted') return r.kind === 'return' && r.method === 'dropoff' ? '已提交，待寄回' : '已提交，待上门取件';
  if (r.status === 'completed' && r.kind === 'exchange') return '已完成，新商品已发出';
  return RETURN_STATUS[r.status] ?? r.status;
}

/** `11月27日` for a China calendar day. */
function monthDay(at: Date): string {
  const [, month, date] = chinaDay(at).split('-');
  return `${Number(month)}月${Number(date)}日`;
}

/** What the customer waits for next, and by when: "预计11月28日前完成验收" (the backend plans the step). */
function nextStepText(r: { kind: string; status: string; method: string | null }, next: { at: Date | string } | null | undefined): string | null {
  if (!next) return null;
  const kind = r.kind === 'exchange' ? 'exchange' : 'return';
  const by = monthDay(new Date(next.at));
  switch (r.status) {
    case 'submitted':
      return kind === 'return' && r.method === 'dropoff' ? `请于${by}前寄回商品` : `预计${by}上门取件`;
    case 'shipped_back':
      return `预计${by}前送达售后仓`;
    case 'received':
      return `预计${by}前完成验收`;
    default:
      return kind === 'return' ? `预计${by}前原路退款` : `预计${by}前发出新商品`;
  }
}

/**
 * A return or exchange with the item summary of its order. With `status_changed_at` the status
 * carries its date, and with `next` (the step the backend plans) a request still in flight says
 * what comes next and roughly when: "已收货，验收中（11月27日）；预计11月28日前完成验收".
 */
export function describeReturn(r: {
  reference: string;
  kind: string;
  status: string;
  method: string | null;
  new_spec: string | null;
  item_summary: string;
  status_changed_at?: Date | string | null;
  next?: { at: Date | string } | null;
}): CustomerRecord {
  const since = r.status_changed_at ? new Date(r.status_changed_at) : null;
  const next = since ? nextStepText(r, r.next) : null;
  // Dated, "已提交" is enough: the next step already says pickup or posting.
  const current = since && r.status === 'submitted' ? '已提交' : returnStatus(r);
  const status = current + (since ? `（${monthDay(since)}）` : '') + (next ? `；${next}` : '');
  if (r.kind === 'exchange') {
    const item = r.new_spec ? `${r.item_summary} 换 ${r.new_spec}` : r.item_summary;
    return { type: 'return', id: r.reference, title: `换货 ${r.reference}`, text: `换货 退换货 售后 ${item} ${status}`, snippet: `${item} · ${status}` };
  }
  return { type: 'return', id: r.reference, title: `退货 ${r.reference}`, text: `退货 退换货 售后 ${r.item_summary} ${status}`, snippet: `${r.item_summary} · ${status}` };
}

/**
 * A counter appointment; `today` is the China calendar day (`YYYY-MM-DD`), since an appointment
 * has no status column and whether it still lies ahead is what the visitor wants to know.
 */
export function describeAppointment(a: { reference: string; service_name: string | null; day: string; start_time: string; end_time: string }, today: string): CustomerRecord {
  const service = a.service_name ?? '窗口办事';
  const status = a.day < today ? '已过预约日期' : a.day === today ? '已预约 今天办理' : '已预约';
  const when = `${a.day} ${a.start_time}–${a.end_time}`;
  return { type: 'appointment', id: a.reference, title: `预约 ${a.reference}`, text: `预约 ${service} ${when} ${status}`, snippet: `${service} · ${when} · ${status}` };
}

/** An application (certificates, licences, cards applied for at the service centre). */
export function describeApplication(a: { reference: string; service_name: string; stage: string; expected_date: string | null }): CustomerRecord {
  const expected = a.expected_date && a.stage !== '已办结' ? ` · 预计 ${a.expected_date}` : '';
  return { type: 'application', id: a.reference, title: `办事申请 ${a.reference}`, text: `申请 办事 ${a.service_name} ${a.stage}`, snippet: `${a.service_name} · ${a.stage}${expected}` };
}
