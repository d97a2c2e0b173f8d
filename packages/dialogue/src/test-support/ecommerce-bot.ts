import { DialogueManager, type DialogueManagerOptions } from '../dialogue-manager.js';
import { industryFlows } from './conversation.js';

/** Intent labels as the ecommerce template would pass them (hand-written so tests do not depend on template wording). */
export const ecommerceLabels = {
  order_status: { zh: '查询订单', en: 'Order status' },
  logistics_delay: { zh: '物流延迟', en: 'Late delivery' },
  return_request: { zh: '退货退款', en: 'Return an item' },
  refund_status: { zh: '退款进度', en: 'Refund status' },
  exchange_request: { zh: '换货', en: 'Exchange' },
  cancel_order: { zh: '取消订单', en: 'Cancel order' },
  modify_address: { zh: '修改地址', en: 'Change address' },
  invoice_request: { zh: '开发票', en: 'Invoice' },
  product_inquiry: { zh: '商品咨询', en: 'Product question' },
  complaint: { zh: '投诉', en: 'Complaint' },
};

/** The vague phrase of the issue: "订单有问题" could be any of three things. */
export const ecommerceClarifyGroups = [
  { id: 'order_problem', label: { zh: '订单有问题', en: 'problem with my order' }, phrases: ['订单出问题', '订单不对劲'], intents: ['logistics_delay', 'return_request', 'refund_status'] },
];

const FAQS: Record<string, { question: string; answer: string }> = {
  return_shipping_fee: { question: '退货运费谁承担？', answer: '质量问题退货运费由商家承担；七天无理由退货运费由买家承担。' },
  return_how_to: { question: '怎么退货？', answer: '在「我的订单」中选择商品申请退货即可。' },
  delivery_time: { question: '一般几天发货？', answer: '现货商品付款后 48 小时内发货。' },
};

/** The options of a bot with the shipped ecommerce flows and three hand-written FAQs. */
export function ecommerceBotOptions(overrides: Partial<DialogueManagerOptions> = {}): DialogueManagerOptions {
  return {
    flows: industryFlows('ecommerce'),
    intentLabels: ecommerceLabels,
    clarifyGroups: ecommerceClarifyGroups,
    locale: 'zh-CN',
    faqLookup: (id) => FAQS[id],
    ...overrides,
  };
}

/** A manager with the shipped ecommerce flows, ready for conversations. */
export function ecommerceBot(overrides: Partial<DialogueManagerOptions> = {}): DialogueManager {
  return new DialogueManager(ecommerceBotOptions(overrides));
}
