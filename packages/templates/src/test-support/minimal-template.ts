import type { IndustryTemplateInput } from '../template-schema.js';

/** A tiny but complete e-commerce template, written by hand, that passes every check; tests break one thing at a time. */
export function minimalTemplate(): IndustryTemplateInput {
  return {
    manifest: {
      id: 'ecommerce',
      version: 1,
      name: { zh: '电商', en: 'E-commerce' },
      description: { zh: '测试模板', en: 'test template' },
      welcomeMessage: { zh: '您好', en: 'Hello' },
      fallbackMessage: { zh: '没听懂', en: 'Sorry?' },
      intents: [
        { id: 'return_request', label: { zh: '退货', en: 'Return' } },
        { id: 'refund_status', label: { zh: '退款进度', en: 'Refund status' } },
      ],
      clarifyGroups: [{ id: 'order_problem', label: { zh: '订单有问题', en: 'Order problem' }, intents: ['return_request', 'refund_status'] }],
    },
    intents: {
      intents: [
        { id: 'return_request', utterances: ['我要退货', '怎么退货'] },
        { id: 'refund_status', utterances: ['退款到哪了', 'refund 什么时候到账'] },
      ],
      outOfScope: ['今天天气怎么样'],
    },
    faqs: [
      {
        id: 'return_how_to',
        question: '怎么退货？',
        paraphrases: ['退货流程', '如何退货'],
        answer: '在订单详情点击申请售后即可。',
        category: '退货',
        links: ['policy_return_7_days'],
      },
    ],
    knowledgeGraph: {
      nodes: [
        { id: 'cat_phones', type: 'category', name: '手机数码' },
        { id: 'policy_return_7_days', type: 'policy', name: '7天无理由退货', attrs: { days: 7 } },
      ],
      edges: [{ from: 'cat_phones', to: 'policy_return_7_days', rel: 'governed_by' }],
    },
    ticketCategories: [
      { id: 'return_exchange', name: { zh: '退换货', en: 'Returns' }, department: '售后服务部', priority: 'P3', slaMinutes: 480, intents: ['return_request'] },
    ],
    cannedReplies: [{ id: 'greet', shortcut: '/hi', title: '问候', text: '您好，请问有什么可以帮您？', category: '通用' }],
  };
}
