import type { BilingualText } from './recommendation-catalogue.js';
import type { CustomerSignalKind } from './customer-signal.js';

/** What a signal suggests: an intent, how strongly (0–1.5), and the reason shown with the chip. */
export interface RecordRule {
  intent: string;
  weight: number;
  reason: (ref: string) => BilingualText;
}

const rule = (intent: string, weight: number, zh: (ref: string) => string, en: (ref: string) => string): RecordRule => ({ intent, weight, reason: (ref) => ({ zh: zh(ref), en: en(ref) }) });

/**
 * The rules from records: signal kind → services it makes likely. Weights are judgement, written
 * before any benchmark run (an urgent, time-boxed state such as a bill falling due or materials
 * awaited outweighs a routine one such as a recent delivery) — not fitted to any customer.
 */
export const RECORD_RULES: Readonly<Record<CustomerSignalKind, readonly RecordRule[]>> = {
  order_shipped: [rule('logistics_delay', 1, (r) => `订单 ${r} 已发货`, (r) => `Order ${r} has shipped`)],
  order_delayed: [rule('logistics_delay', 1.3, (r) => `订单 ${r} 预计送达已过`, (r) => `Order ${r} is late`)],
  order_awaiting_shipment: [
    rule('modify_address', 0.6, (r) => `订单 ${r} 待发货，还能改地址`, (r) => `Order ${r} has not shipped yet`),
    rule('order_status', 0.5, (r) => `订单 ${r} 待发货`, (r) => `Order ${r} is waiting to ship`),
  ],
  order_unpaid: [rule('cancel_order', 0.5, (r) => `订单 ${r} 待付款`, (r) => `Order ${r} is unpaid`)],
  order_delivered_recently: [
    rule('return_request', 0.5, (r) => `订单 ${r} 刚签收`, (r) => `Order ${r} was just delivered`),
    rule('invoice_request', 0.35, (r) => `订单 ${r} 已签收，可开发票`, (r) => `Order ${r} can be invoiced`),
    rule('exchange_request', 0.25, (r) => `订单 ${r} 刚签收`, (r) => `Order ${r} was just delivered`),
  ],
  refund_processing: [rule('refund_status', 1.1, (r) => `订单 ${r} 退款处理中`, (r) => `Refund for ${r} is in progress`)],
  return_in_progress: [rule('refund_status', 0.9, (r) => `退货 ${r} 进行中`, (r) => `Return ${r} is in progress`)],
  card_bill_due: [rule('credit_card_bill', 1.3, (r) => `尾号 ${r} 信用卡账单即将到期`, (r) => `Card ending ${r}: bill due soon`)],
  card_lost: [rule('card_loss_report', 0.5, (r) => `尾号 ${r} 的卡已挂失，可补卡`, (r) => `Card ending ${r} is reported lost`)],
  transfer_processing: [rule('transfer_issue', 1.1, (r) => `转账 ${r} 处理中`, (r) => `Transfer ${r} is processing`)],
  transfer_returned: [rule('transfer_issue', 1.2, (r) => `转账 ${r} 已退回`, (r) => `Transfer ${r} was returned`)],
  application_awaiting_materials: [rule('material_upload', 1.4, (r) => `申请 ${r} 等待补充材料`, (r) => `Application ${r} needs documents`)],
  application_in_progress: [rule('progress_query', 0.9, (r) => `申请 ${r} 办理中`, (r) => `Application ${r} is in progress`)],
  appointment_upcoming: [rule('appointment_booking', 0.4, (r) => `预约 ${r} 即将到来`, (r) => `Appointment ${r} is coming up`)],
  phone_arrears: [rule('bill_query', 1.3, () => '您的号码有欠费', () => 'Your number is in arrears')],
  data_running_low: [
    rule('data_usage', 1, () => '本月流量快用完了', () => 'Your data is running low'),
    rule('plan_change', 0.45, () => '流量不够用，可换套餐', () => 'A bigger plan may suit you'),
  ],
  ticket_open: [rule('ticket_status', 0.8, (r) => `工单 ${r} 处理中`, (r) => `Ticket ${r} is open`)],
};
