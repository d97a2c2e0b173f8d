/** Text in both languages the widget speaks. */
export interface BilingualText {
  zh: string;
  en: string;
}

/**
 * One service a customer can be offered: an intent of the tenant's bot with a flow behind it.
 * `utterance` is what the widget sends as the visitor's message when the chip is clicked — a plain
 * request the tenant's own NLU routes to `intent` (recommendation-catalogue.test.ts checks every
 * one against the trained template bot), so a click starts the same flow typing it would.
 */
export interface RecommendationEntry {
  intent: string;
  label: BilingualText;
  utterance: BilingualText;
  /** Lower-case words in a page's path or title that make this service likely on that page. */
  pageWords: readonly string[];
}

const entry = (intent: string, label: [string, string], utterance: [string, string], pageWords: string[]): RecommendationEntry => ({
  intent,
  label: { zh: label[0], en: label[1] },
  utterance: { zh: utterance[0], en: utterance[1] },
  pageWords,
});

const ticketStatus = entry('ticket_status', ['工单进度', 'Ticket status'], ['我的工单到哪了', 'Where is my ticket?'], ['ticket', 'gongdan', '工单', '我的反馈']);

/**
 * The self-service entry points per industry template. Complaints, fraud reports and asking for a
 * person are never offered: they are for the customer to raise, not for us to suggest.
 */
export const RECOMMENDATION_CATALOGUE: Readonly<Record<string, readonly RecommendationEntry[]>> = {
  ecommerce: [
    entry('logistics_delay', ['物流查询', 'Track my parcel'], ['我的快递到哪了', 'Where is my parcel?'], ['logistics', 'tracking', 'track', 'delivery', 'shipping', 'wuliu', '物流', '快递', '配送']),
    entry('order_status', ['订单查询', 'Order status'], ['查一下我的订单', 'Check my order status'], ['order', 'orders', 'dingdan', '订单', '我的订单']),
    entry('return_request', ['申请退货', 'Return an item'], ['我要退货', 'I want to return an item'], ['return', 'returns', 'aftersale', 'after-sale', '售后', '退货']),
    entry('refund_status', ['退款进度', 'Refund status'], ['我的退款到哪了', 'Where is my refund?'], ['refund', 'refunds', '退款']),
    entry('exchange_request', ['申请换货', 'Exchange an item'], ['我要换货', 'I want to exchange an item'], ['exchange', '换货', 'aftersale', '售后']),
    entry('invoice_request', ['开发票', 'Request an invoice'], ['我要开发票', 'I need an invoice'], ['invoice', 'fapiao', '发票']),
    entry('modify_address', ['修改收货地址', 'Change address'], ['我想修改收货地址', 'Change my delivery address'], ['address', 'dizhi', '地址', 'checkout']),
    entry('cancel_order', ['取消订单', 'Cancel an order'], ['我要取消订单', 'Cancel my order'], ['cancel', 'pay', 'payment', 'checkout', '支付', '取消']),
    ticketStatus,
  ],
  finance: [
    entry('credit_card_bill', ['账单查询', 'Card bill'], ['查一下信用卡账单', 'Check my credit card bill'], ['bill', 'credit', 'creditcard', 'card', '信用卡', '账单', '还款']),
    entry('balance_query', ['余额查询', 'Balance'], ['查询余额', 'Check my balance'], ['balance', 'account', 'yue', '余额', '账户', '明细']),
    entry('transfer_issue', ['转账查询', 'Transfer status'], ['我的转账还没到账', 'My transfer has not arrived'], ['transfer', 'zhuanzhang', '转账', '汇款']),
    entry('card_loss_report', ['挂失补卡', 'Lost card'], ['我的卡丢了', 'I lost my card'], ['lost', 'loss', 'guashi', '挂失', 'card', '补卡']),
    entry('password_reset', ['重置密码', 'Reset password'], ['我想重置密码', 'Reset my password'], ['password', 'mima', '密码', 'security', '安全']),
    ticketStatus,
  ],
  government: [
    entry('material_upload', ['材料补正', 'Submit documents'], ['我要补交材料', 'I need to submit documents'], ['material', 'materials', 'upload', 'cailiao', '材料', '补正', '上传']),
    entry('progress_query', ['办件进度', 'Application progress'], ['查一下办件进度', 'Check my application progress'], ['progress', 'status', 'jindu', '进度', '办件', '查询']),
    entry('appointment_booking', ['预约办理', 'Book an appointment'], ['我想预约办理业务', 'Book an appointment'], ['appointment', 'booking', 'yuyue', '预约', '办事']),
    entry('certificate_request', ['开具证明', 'Certificates'], ['我要开证明', 'I need a certificate'], ['certificate', 'zhengming', '证明', '开证', '居住证']),
    ticketStatus,
  ],
  telecom: [
    entry('bill_query', ['话费查询', 'My bill'], ['查一下这个月话费', 'Check my phone bill'], ['bill', 'billing', 'huafei', '话费', '账单', '缴费', '充值']),
    entry('data_usage', ['流量查询', 'Data usage'], ['我还剩多少流量', 'How much data do I have left?'], ['data', 'usage', 'liuliang', '流量']),
    entry('plan_change', ['套餐变更', 'Change plan'], ['我想换个套餐', 'I want to change my plan'], ['plan', 'plans', 'taocan', '套餐', '资费', '5g']),
    entry('broadband_fault', ['宽带报修', 'Broadband repair'], ['家里宽带坏了', 'My broadband is down'], ['broadband', 'kuandai', 'fault', 'repair', '宽带', '报修']),
    entry('sim_replacement', ['补换卡', 'Replace SIM'], ['我要补办SIM卡', 'Replace my SIM card'], ['sim', 'esim', '补卡', '换卡']),
    entry('number_porting', ['携号转网', 'Port my number'], ['我想携号转网', 'I want to port my number'], ['porting', 'port', 'xiehao', '携号转网', '转网']),
    ticketStatus,
  ],
};

/**
 * The entries a tenant's bot can actually run: its template's catalogue, kept to the intents that
 * have a flow in the tenant's own (editable) bot config.
 */
export function catalogueFor(templateId: string | null, flowIntents: ReadonlySet<string>): RecommendationEntry[] {
  if (!templateId) return [];
  return (RECOMMENDATION_CATALOGUE[templateId] ?? []).filter((e) => flowIntents.has(e.intent));
}
