import type { NluTrainingData } from '../model/nlu-training-data.js';

/** A small, hand-written e-commerce customer-service task: seven intents, a few FAQs, tenant words. */
export const customerServiceFixture = {
  intents: [
    {
      name: 'refund',
      utterances: ['我要退款', '怎么申请退款', '退款什么时候到账', '钱怎么还没退回来', '申请退款被拒绝了', '我想把钱退回来', '退款进度查询', '帮我办理退款'],
    },
    {
      name: 'return_goods',
      utterances: ['我想退货', '怎么退货', '退货地址是哪里', '衣服不合适想退回去', '七天无理由退货可以吗', '商品有质量问题要退货', '退货运费谁出', '帮我申请退货'],
    },
    {
      name: 'shipping_status',
      utterances: ['我的快递到哪了', '什么时候发货', '怎么还没发货', '物流信息查不到', '包裹几天能到', '查一下物流', '快递一直没更新', '订单发货了吗'],
    },
    {
      name: 'change_address',
      utterances: ['修改收货地址', '地址填错了', '我想换个收货地址', '能改地址吗', '收件人电话写错了', '帮我改一下地址', '送货地址要变更', '更新收货信息'],
    },
    {
      name: 'invoice',
      utterances: ['怎么开发票', '我需要增值税发票', '发票抬头写错了', '电子发票在哪下载', '能开公司发票吗', '补开发票', '发票什么时候寄', '开具专用发票'],
    },
    {
      name: 'human_agent',
      utterances: ['转人工', '我要找人工客服', '人工服务', '找个真人跟我说', '机器人听不懂 转人工', '客服电话多少', '接通人工坐席', '我要投诉找人工'],
    },
    {
      name: 'plan_inquiry',
      utterances: ['极光套餐多少钱', '畅享会员怎么开通', '极光套餐包含什么', '介绍一下畅享会员', '会员怎么续费', '套餐能升级吗', '我想办极光套餐', '取消畅享会员自动续费'],
    },
  ],
  faqs: [
    { id: 'faq-return-window', question: '退货期限是多久？', paraphrases: ['多少天内可以退货'], answer: '签收后七天内可申请无理由退货。' },
    { id: 'faq-shipping-time', question: '下单后多久发货？', paraphrases: ['什么时候发货'], answer: '现货商品48小时内发货，预售商品以页面时间为准。' },
    { id: 'faq-invoice', question: '如何开具发票？', paraphrases: ['发票怎么开'], answer: '在订单详情页点击“申请开票”，电子发票会发送到您的邮箱。' },
    { id: 'faq-membership', question: '畅享会员有什么权益？', answer: '畅享会员每月赠送运费券四张，并享受专属客服。' },
  ],
  userWords: ['畅享会员', '极光套餐'],
} satisfies NluTrainingData;
