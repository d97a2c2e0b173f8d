import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import type { FaqAnswer } from './dialogue-event.js';
import { Conversation, industryFlows } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

// The failures the dialogue bench found in real conversations (issue #5), one story each.
const ORDER = 'E202611250001';
const SHIPPING_FEE = { id: 'return_shipping_fee', confidence: 0.77 };
const WEEKEND: FaqAnswer = { id: 'weekend', question: '政务服务中心周末上班吗？', answer: '周六上午 9:00–12:00 开放部分窗口。' };

function industryBot(industry: 'finance' | 'government'): DialogueManager {
  return new DialogueManager({ flows: industryFlows(industry), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
}

describe('general questions get the FAQ answer', () => {
  it('answers "退货运费谁出啊" before asking for an order, although the classifier is sure it is a return', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('退货运费谁出啊', { intent: 'return_request', confidence: 1, faq: [SHIPPING_FEE] });
    expect(chat.text()).toContain('运费由商家承担');
    expect(out.state.flow).toBeNull();
  });

  it('answers an FAQ hit only when it is sure, and asks about a weaker one', () => {
    const faqs: FaqAnswer[] = [
      { id: 'refund_time', question: '退款多久到账？', answer: '退款原路退回，一般 1–3 个工作日到账。' },
      { id: 'delivery', question: '多久发货？', answer: '48 小时内发货。' },
    ];
    const clear = new Conversation(ecommerceBot());
    clear.say('退款一般多久能到账啊', { intent: 'refund_status', confidence: 1, faq: [{ id: 'refund_time', confidence: 0.65 }, { id: 'delivery', confidence: 0.19 }] }, faqs);
    expect(clear.text()).toContain('原路退回');
    // A hit that leads but is right only about every other time: "您是想问…" rather than a coin toss of an answer.
    const weak = new Conversation(ecommerceBot());
    expect(weak.say('退款一般多久能到账啊', { intent: 'refund_status', confidence: 1, faq: [{ id: 'refund_time', confidence: 0.45 }, { id: 'delivery', confidence: 0.19 }] }, faqs).record.outcome).toBe('clarified');
    // Two half-matches: "您是想问…" with both, and the task the question is about, rather than a guess.
    const close = new Conversation(ecommerceBot());
    const out = close.say('退款一般多久能到账啊', { intent: 'refund_status', confidence: 1, faq: [{ id: 'refund_time', confidence: 0.35 }, { id: 'delivery', confidence: 0.3 }] }, faqs);
    expect(out.record.outcome).toBe('clarified');
    expect(out.record.faqId).toBeNull();
    expect(close.buttons()).toEqual(['退款多久到账？', '多久发货？', '退款进度']);
  });

  it('still starts the task for a question about the customer\'s own case', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我的退货运费谁出', { intent: 'return_request', confidence: 1, faq: [SHIPPING_FEE] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('answers the same question mid-flow instead of only repeating the prompt, and the turn counts as answered', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    const out = chat.say('退货运费谁出啊', { intent: 'return_request', confidence: 1, faq: [SHIPPING_FEE] });
    expect(out.replies[0]?.text).toContain('运费由商家承担');
    expect(out.replies[1]?.text).toContain('订单号');
    expect(out.record.outcome).toBe('answered');
  });

  it('answers a general question from the FAQ rather than offering tasks the classifier only half recognises', () => {
    const faqs: FaqAnswer[] = [{ id: 'return_window', question: '退货期限是多久？', answer: '签收后7天内可申请无理由退货。' }];
    const nlu = {
      intent: 'return_request',
      confidence: 0.3,
      outOfScope: true,
      ambiguous: true,
      candidates: [{ name: 'return_request', confidence: 0.3 }, { name: 'exchange_request', confidence: 0.26 }],
      faq: [{ id: 'return_window', confidence: 0.8 }],
    };
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('退货期限是多久', nlu, faqs);
    expect(out.record.outcome).toBe('answered');
    expect(chat.text()).toContain('7天内');
    // The same half-recognised request about the customer's own case still gets the clarifying question.
    const own = new Conversation(ecommerceBot());
    expect(own.say('我的那个怎么办', { ...nlu, faq: [] }).record.outcome).toBe('clarified');
  });

  it('does not take a date out of "你们周末上班吗" while an appointment asks for the day', () => {
    const chat = new Conversation(industryBot('government'));
    chat.say('预约办社保卡', { intent: 'appointment_booking', confidence: 1 });
    expect(chat.text()).toContain('哪一天');
    const out = chat.say('你们周末上班吗', { intent: 'complaint', confidence: 0.69, faq: [{ id: 'weekend', confidence: 0.68 }], entities: [{ type: 'datetime', value: '2026-11-28T00:00:00+08:00' }] }, [WEEKEND]);
    expect(out.action).toBeUndefined();
    expect(chat.text()).toContain('周六上午');
    expect(chat.text()).toContain('哪一天');
  });
});

describe('the customer\'s own trouble and the how-to of its task', () => {
  const REPAIR: FaqAnswer = { id: 'broadband_repair', question: '宽带怎么报修？多久上门？', answer: '可在App「宽带」→「故障报修」或在此回复故障现象和地址报修。' };
  const telecomBot = (): DialogueManager => new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });

  it('starts the repair for "家里宽带坏了，怎么报修" instead of explaining how to report it', () => {
    const chat = new Conversation(telecomBot());
    const out = chat.say('家里宽带坏了，怎么报修', { intent: 'broadband_fault', confidence: 1, faq: [{ id: 'broadband_repair', confidence: 0.75 }] }, [REPAIR]);
    expect(out.state.flow?.flowId).toBe('telecom.broadband_fault');
    expect(out.record.faqId).toBeNull();
    expect(chat.text()).toMatch(/宽带账号|安装地址/);
    expect(chat.text()).not.toContain('故障报修」');
  });

  it('starts it even when the how-to hit is surer than the intent', () => {
    const out = new Conversation(telecomBot()).say('宽带坏了怎么报修', { intent: 'broadband_fault', confidence: 0.7, faq: [{ id: 'broadband_repair', confidence: 1 }] }, [REPAIR]);
    expect(out.state.flow?.flowId).toBe('telecom.broadband_fault');
  });

  it('still answers the how-to when no trouble of the customer\'s is stated', () => {
    const out = new Conversation(telecomBot()).say('宽带怎么报修', { intent: 'broadband_fault', confidence: 1, faq: [{ id: 'broadband_repair', confidence: 1 }] }, [REPAIR]);
    expect(out.record.faqId).toBe('broadband_repair');
    expect(out.state.flow).toBeNull();
  });

  it('answers an FAQ about something the recognised task does not do ("身份证丢了怎么补办" is no certificate request)', () => {
    const idCard: FaqAnswer = { id: 'id_card_replace', question: '身份证丢了怎么补办？', answer: '携带户口簿到户籍派出所补办。' };
    const out = new Conversation(industryBot('government')).say('身份证丢了怎么补办', { intent: 'certificate_request', confidence: 1, faq: [{ id: 'id_card_replace', confidence: 0.7 }] }, [idCard]);
    expect(out.record.faqId).toBe('id_card_replace');
    expect(out.state.flow).toBeNull();
  });
});

describe('free-text answers', () => {
  it('takes a complaint description even when the classifier reads "complaint" into it again', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要投诉', { intent: 'complaint', confidence: 0.95 });
    const out = chat.say('上周打电话问退款，客服直接把我电话挂了', { intent: 'complaint', confidence: 0.99 });
    expect(out.action).toMatchObject({ name: 'tickets.create', args: { description: '上周打电话问退款，客服直接把我电话挂了' } });
  });

  it('does not save a bare "确认" or a repeated "单位" as the company name', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`订单${ORDER}要开公司抬头的发票`, { intent: 'invoice_request', confidence: 1, entities: [{ type: 'order_number', value: ORDER }] });
    expect(chat.text()).toContain('单位全称');
    chat.say('单位');
    expect(chat.text()).toContain('单位全称');
    chat.say('确认');
    expect(chat.text()).toContain('单位全称');
    chat.say('杭州智答科技有限公司');
    expect(chat.text()).toContain('税号');
  });
});

describe('confirmations that name the action', () => {
  function askingToCancel(): Conversation {
    const chat = new Conversation(ecommerceBot());
    chat.say(`取消订单${ORDER}`, { intent: 'cancel_order', confidence: 1, entities: [{ type: 'order_number', value: ORDER }] });
    chat.actionSucceeds({ orderId: ORDER, status: 'pending_payment', statusText: '待付款', itemSummary: '电视 ×1', amount: '¥3,999.00' });
    return chat;
  }

  it('"确定取消" confirms the cancellation', () => {
    const chat = askingToCancel();
    expect(chat.text()).toContain('确定要取消订单');
    expect(chat.say('确定取消', { intent: 'cancel_order', confidence: 1 }).action?.name).toBe('orders.cancel');
  });

  it('"确认" at a confirmation confirms, even when the classifier reads it as asking for a person', () => {
    const chat = askingToCancel();
    const out = chat.say('确认', { intent: 'human_agent', confidence: 0.9 });
    expect(out.handoff).toBeUndefined();
    expect(out.action?.name).toBe('orders.cancel');
  });

  it('"转人工" at a confirmation still reaches a person', () => {
    const chat = askingToCancel();
    expect(chat.say('转人工', { intent: 'human_agent', confidence: 0.99 }).handoff).toMatchObject({ reason: 'user_request' });
  });

  it('"不取消了" keeps the order', () => {
    const chat = askingToCancel();
    const out = chat.say('不取消了', { intent: 'cancel_order', confidence: 1 });
    expect(out.action).toBeUndefined();
    expect(out.state.flow).toBeNull();
  });

  it('records "are you sure you want to stop?" as an answer, not as a clarification', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    expect(chat.say('算了').record.outcome).toBe('answered');
  });
});

describe('button answers the classifier calls a request for a person', () => {
  it('"个人" at the invoice title buttons is the personal title', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`订单${ORDER}开发票`, { intent: 'invoice_request', confidence: 1, entities: [{ type: 'order_number', value: ORDER }] });
    const out = chat.say('个人', { intent: 'human_agent', confidence: 1 });
    expect(out.handoff).toBeUndefined();
    expect(chat.text()).toContain('邮箱');
  });

  it('"找售后" is clarified when it is one of the vague phrases', () => {
    const groups = [{ id: 'after_sales', phrases: ['找售后'], intents: ['return_request', 'exchange_request'] }];
    const chat = new Conversation(ecommerceBot({ clarifyGroups: groups }));
    const out = chat.say('找售后', { intent: 'human_agent', confidence: 0.97 });
    expect(out.handoff).toBeUndefined();
    expect(out.record.outcome).toBe('clarified');
  });
});

describe('details in the opening message reach the identity check', () => {
  it('sends the code to the mobile given with the card-loss request and does not read its last digits as the card', () => {
    const chat = new Conversation(industryBot('finance'));
    const out = chat.say('信用卡丢了要挂失，预留手机13600000038', { intent: 'card_loss_report', confidence: 1, entities: [{ type: 'mobile', value: '13600000038' }] });
    expect(out.action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: '13600000038' } });
    chat.actionSucceeds({ maskedMobile: '136****0038' });
    chat.say('123456');
    chat.actionSucceeds({ verified: true, customerId: 'C1' });
    expect(chat.text()).toContain('卡号后四位');
  });

  it('takes "昨天" as the day of a transfer that went missing', () => {
    const chat = new Conversation(industryBot('finance'));
    chat.say('昨天转的账没到', { intent: 'transfer_issue', confidence: 1 });
    chat.say('13600000038');
    chat.actionSucceeds({ maskedMobile: '136****0038' });
    chat.say('123456');
    chat.actionSucceeds({ verified: true, customerId: 'C1' });
    expect(chat.text()).toContain('金额');
    expect(chat.last?.state.flow?.slots.transferDate).toBe('2026-11-24');
  });
});

describe('vague phrases with a time word', () => {
  it('clarifies "我之前提交过申请" like "提交过申请", however sure the classifier is', () => {
    const groups = [{ id: 'already_applied', phrases: ['之前提交过', '提交过申请'], intents: ['progress_query', 'material_upload'] }];
    const dm = new DialogueManager({ flows: industryFlows('government'), intentLabels: { progress_query: '办件进度', material_upload: '补交材料' }, clarifyGroups: groups, locale: 'zh-CN' });
    const out = new Conversation(dm).say('我之前提交过申请', { intent: 'progress_query', confidence: 1 });
    expect(out.record.outcome).toBe('clarified');
  });
});

describe('free-text slots with an opening pattern', () => {
  it('takes the broadband account and the symptom from "宽带网速特别慢，账号KD0571005678" and files the report at once', () => {
    const dm = new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
    const out = new Conversation(dm).say('宽带网速特别慢，账号KD0571005678', { intent: 'broadband_fault', confidence: 1 });
    expect(out.action).toMatchObject({ name: 'faults.create', args: { account: 'KD0571005678', symptom: 'slow' } });
  });

  it('takes an installation address (full-width digits) from the opening message', () => {
    const dm = new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
    const out = new Conversation(dm).say('我家宽带经常掉线，地址是上海市浦东新区张江路８８弄３号１２０２室', { intent: 'broadband_fault', confidence: 1 });
    expect(out.action).toMatchObject({ name: 'faults.create', args: { symptom: 'intermittent' } });
    expect((out.action?.args as { account: string }).account).toContain('张江路88弄3号1202室');
  });

  it('asked directly, takes the account out of a sentence and any other answer whole', () => {
    const dm = new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
    const chat = new Conversation(dm);
    chat.say('宽带上不了网', { intent: 'broadband_fault', confidence: 1 });
    expect(chat.say('哦，宽带账号是KD0571001234').action).toMatchObject({ name: 'faults.create', args: { account: 'KD0571001234' } });
    const other = new Conversation(dm);
    other.say('宽带上不了网', { intent: 'broadband_fault', confidence: 1 });
    expect(other.say('文三路100号3单元501').action).toMatchObject({ name: 'faults.create', args: { account: '文三路100号3单元501' } });
  });
});

describe('telecom usage is private', () => {
  it('sends a code before showing a number\'s data usage', () => {
    const dm = new DialogueManager({ flows: industryFlows('telecom'), intentLabels: {}, clarifyGroups: [], locale: 'zh-CN' });
    const chat = new Conversation(dm);
    const out = chat.say('查流量 13800138000', { intent: 'data_usage', confidence: 1, entities: [{ type: 'mobile', value: '13800138000' }] });
    expect(out.action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: '13800138000' } });
    chat.actionSucceeds({ maskedMobile: '138****8000' });
    chat.say('123456');
    expect(chat.actionSucceeds({ verified: true, customerId: 'C1' }).action).toMatchObject({ name: 'billing.getUsage', args: { mobile: '13800138000' } });
  });
});

describe('the application just made', () => {
  it('answers "这个申请现在什么进度" with the reference the certificate request returned', () => {
    const chat = new Conversation(industryBot('government'));
    chat.say('开无犯罪记录证明', { intent: 'certificate_request', confidence: 1 });
    chat.say('11010519491231002X');
    chat.say('确认');
    chat.actionSucceeds({ applicationRef: 'SQ2026112500001', expectedDays: 3 });
    expect(chat.text()).toContain('SQ2026112500001');
    const out = chat.say('这个申请现在什么进度', { intent: 'progress_query', confidence: 1 });
    expect(out.action).toMatchObject({ name: 'applications.getProgress', args: { applicationRef: 'SQ2026112500001' } });
  });
});

describe('mistyped references', () => {
  it('asks again for the application number when "好像是12345" is what the customer remembers', () => {
    const chat = new Conversation(industryBot('government'));
    chat.say('查一下办件进度', { intent: 'progress_query', confidence: 1 });
    const out = chat.say('我忘了，好像是12345', { intent: 'complaint', confidence: 0.9 });
    expect(out.state.flow?.flowId).toBe('government.progress');
    expect(out.record.outcome).toBe('fallback');
  });

  it('still switches task when the number belongs to the other task', () => {
    const chat = new Conversation(industryBot('finance'));
    chat.say('转账没到账', { intent: 'transfer_issue', confidence: 1 });
    chat.say('13600000038');
    chat.actionSucceeds({ maskedMobile: '136****0038' });
    chat.say('123456');
    chat.actionSucceeds({ verified: true, customerId: 'C1' });
    expect(chat.text()).toContain('哪一天');
    const out = chat.say('先把尾号6688的卡挂失了', { intent: 'card_loss_report', confidence: 0.95 });
    expect(out.state.flow?.flowId).toBe('finance.card_loss');
  });
});

describe('an order without a refund', () => {
  it('says there is no refund and offers a return, instead of asking for the order number again', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`我的退款到哪了，单号${ORDER}`, { intent: 'refund_status', confidence: 1, entities: [{ type: 'order_number', value: ORDER }] });
    const out = chat.actionFails('refund_not_found', '该订单暂无退款记录');
    expect(chat.text()).toContain('没有退款记录');
    expect(chat.buttons()).toContain('申请退货');
    expect(out.state.flow).toBeNull();
  });
});

describe('a corrected answer is an answer', () => {
  it('takes "哦打错了，是<order>" as the order number, although the classifier hears a wrong address in "打错了"', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    expect(chat.text()).toContain('订单号');
    const out = chat.say(`哦打错了，是${ORDER}`, { intent: 'modify_address', confidence: 0.87, entities: [{ type: 'order_number', value: ORDER }] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(Object.values(out.state.flow?.slots ?? {})).toContain(ORDER);
  });
});

describe('off-topic questions during a task', () => {
  it('says it cannot answer "今天天气怎么样" while an order number is asked, asks again, and does not count it as a wrong answer', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    const out = chat.say('今天天气怎么样', { intent: null, outOfScope: true });
    expect(out.replies[0]?.text).toBe('抱歉，这个问题我暂时回答不了。');
    expect(out.replies[1]?.text).toContain('我们继续刚才的');
    expect(out.replies[1]?.text).toContain('订单号');
    expect(out.replies.map((r) => r.text).join()).not.toContain('不正确');
    expect(out.record.outcome).toBe('fallback');
    expect(out.state.flow?.attempts).toBe(0);
    // A mistyped number is still a wrong answer.
    const wrong = chat.say('123', { intent: null, outOfScope: true });
    expect(wrong.replies[0]?.text).toContain('不正确');
  });
});
