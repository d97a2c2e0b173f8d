import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import type { FaqAnswer } from './dialogue-event.js';
import { Conversation, industryFlows } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';
import { nluParse } from './test-support/nlu-parse-builder.js';

// Issue #16, part 0: a question about how things work is answered, a request starts its task, and the NLU's
// speech act (question / request) with the FAQ retriever's confidence decides which — not keywords.
const SHIPPING_FEE_ANSWER = '质量问题退货运费由商家承担；七天无理由退货运费由买家承担。';
const HOURS: FaqAnswer = { id: 'service_hours', question: '人工客服几点上班？', answer: '人工客服每天 9:00–22:00 在线。' };
const COMPLAINTS: FaqAnswer = { id: 'complaint_channel', question: '怎么投诉？', answer: '可在「我的」→「投诉建议」提交，或拨打 400 热线。' };
const EXCHANGE_FEE: FaqAnswer = { id: 'exchange_fee', question: '质量问题换货运费谁出？', answer: '质量问题换货来回运费由商家承担。' };

function financeBot(): DialogueManager {
  const manifest = JSON.parse(readFileSync(new URL('../../templates/finance/template.json', import.meta.url), 'utf8')) as { intents: { id: string; label: { zh: string; en: string } }[] };
  const faqs: Record<string, { question: string; answer: string }> = {
    transfer_fees: { question: '跨行转账收手续费吗？', answer: '手机银行跨行转账免手续费。' },
    bill_check: { question: '信用卡账单在哪查？', answer: '手机银行「信用卡」→「账单」可查看。' },
  };
  return new DialogueManager({ flows: industryFlows('finance'), intentLabels: manifest.intents, clarifyGroups: [], locale: 'zh-CN', faqLookup: (id) => faqs[id] });
}

describe('a question is answered, a request starts the task', () => {
  it('answers "退东西的话运费是我付还是你们付" and offers the return, starting nothing yet', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('退东西的话运费是我付还是你们付', { intent: 'return_request', confidence: 1, act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] });
    expect(out.replies.map((r) => r.text)).toEqual([SHIPPING_FEE_ANSWER, '需要现在帮您办理退货退款吗？']);
    expect(chat.buttons()).toEqual(['退货退款']);
    expect(out.state.flow).toBeNull();
    expect(out.record).toMatchObject({ outcome: 'answered', faqId: 'return_shipping_fee' });
  });

  it('starts the offered task on "好的", and says nothing more of it on "不用了"', () => {
    const yes = new Conversation(ecommerceBot());
    yes.say('退货运费谁出呀', { intent: 'return_request', confidence: 1, act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 0.9 }] });
    expect(yes.say('好的').state.flow?.flowId).toBe('ecommerce.return');
    expect(yes.text()).toContain('订单号');
    const no = new Conversation(ecommerceBot());
    no.say('退货运费谁出呀', { intent: 'return_request', confidence: 1, act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 0.9 }] });
    const out = no.say('不用了');
    expect(out.state.flow).toBeNull();
    expect(out.record.outcome).toBe('answered');
    expect(no.text()).toBe('好的，还有其他可以帮您的吗？');
  });

  it('starts the return for a request, however well its words match the how-to FAQ', () => {
    const out = new Conversation(ecommerceBot()).say('我要退货', { intent: 'return_request', confidence: 1, act: 'request', faq: [{ id: 'return_how_to', confidence: 1 }] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(out.record.faqId).toBeNull();
  });

  it('starts the task when the NLU is not sure the how-to of that very task is only a question ("我想退货怎么操作")', () => {
    const out = new Conversation(ecommerceBot()).say('我想退货怎么操作', { intent: 'return_request', confidence: 1, act: 'question', actConfidence: 0.51, faq: [{ id: 'return_how_to', confidence: 0.73 }] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
  });
});

describe('人工 and 投诉 inside a question', () => {
  it('answers "晚上几点以后就没有人工了" instead of handing off', () => {
    const out = new Conversation(ecommerceBot()).say('晚上几点以后就没有人工了', { intent: 'human_agent', confidence: 1, act: 'question', faq: [{ id: 'service_hours', confidence: 0.7 }] }, [HOURS]);
    expect(out.handoff).toBeUndefined();
    expect(out.record.faqId).toBe('service_hours');
  });

  it('answers "周末有人工客服吗", which mentions a person without asking for one', () => {
    const out = new Conversation(ecommerceBot()).say('周末有人工客服吗', { intent: 'human_agent', confidence: 1, act: 'question', faq: [{ id: 'service_hours', confidence: 0.8 }] }, [HOURS]);
    expect(out.handoff).toBeUndefined();
    expect(out.record.faqId).toBe('service_hours');
  });

  it('still hands off "能转人工吗": asking to be put through is a request however it is phrased', () => {
    const out = new Conversation(ecommerceBot()).say('能转人工吗', { intent: 'human_agent', confidence: 1, act: 'question', faq: [{ id: 'service_hours', confidence: 0.37 }] }, [HOURS]);
    expect(out.handoff?.reason).toBe('user_request');
  });

  it('answers "要投诉的话找谁" rather than opening a complaint', () => {
    const out = new Conversation(ecommerceBot()).say('要投诉的话找谁', { intent: 'complaint', confidence: 1, act: 'question', faq: [{ id: 'complaint_channel', confidence: 0.69 }] }, [COMPLAINTS]);
    expect(out.record.faqId).toBe('complaint_channel');
    expect(out.state.flow).toBeNull();
    expect(out.handoff).toBeUndefined();
  });
});

describe('identity checks only when the answer needs the customer\'s own data', () => {
  it('answers "跨行转账收手续费吗" without asking for a mobile number', () => {
    const chat = new Conversation(financeBot());
    const out = chat.say('跨行转账收手续费吗', { intent: 'transfer_issue', confidence: 0.9, act: 'question', faq: [{ id: 'transfer_fees', confidence: 0.8 }] });
    expect(out.record.faqId).toBe('transfer_fees');
    expect(chat.text()).not.toContain('手机号');
    expect(out.state.flow).toBeNull();
  });

  it('checks the identity for "我昨天那笔转账到了没"', () => {
    const chat = new Conversation(financeBot());
    const out = chat.say('我昨天那笔转账到了没', { intent: 'transfer_issue', confidence: 0.95, act: 'request', faq: [{ id: 'transfer_fees', confidence: 0.3 }] });
    expect(out.record.faqId).toBeNull();
    expect(chat.text()).toContain('手机号');
  });

  it('takes a mobile number sent after the answer as the offered task\'s identity check', () => {
    const chat = new Conversation(financeBot());
    chat.say('信用卡账单在哪看', { intent: 'credit_card_bill', confidence: 0.95, act: 'question', faq: [{ id: 'bill_check', confidence: 0.9 }] });
    const out = chat.say('13800138000', { entities: [{ type: 'mobile', value: '13800138000' }] });
    expect(out.state.flow?.flowId).toBe('finance.identity');
    expect(out.action).toMatchObject({ name: 'identity.sendOtp', args: { mobile: '13800138000' } });
  });
});

describe('unsure which FAQ: "您是想问…"', () => {
  it('offers the candidate FAQs and the task as buttons, and answers the one tapped', () => {
    const chat = new Conversation(ecommerceBot());
    const faqs = [{ id: 'exchange_fee', confidence: 0.3 }, { id: 'return_shipping_fee', confidence: 0.3 }];
    const out = chat.say('质量问题换新 来回运费谁出', { intent: 'exchange_request', confidence: 1, act: 'question', faq: faqs }, [EXCHANGE_FEE]);
    expect(out.record.outcome).toBe('clarified');
    expect(chat.text()).toBe('您是想问以下哪个问题？');
    expect(chat.buttons()).toEqual(['质量问题换货运费谁出？', '退货运费谁承担？', '换货']);
    const picked = chat.say('质量问题换货运费谁出？', {}, [EXCHANGE_FEE]);
    expect(picked.record.faqId).toBe('exchange_fee');
  });

  it('asks only once: a second unclear question in a row is not met with another "您是想问…"', () => {
    const chat = new Conversation(ecommerceBot());
    const faqs = [{ id: 'delivery_time', confidence: 0.3 }, { id: 'return_shipping_fee', confidence: 0.28 }];
    chat.say('那个运费和发货呢', { act: 'question', faq: faqs });
    const again = chat.say('就是运费和发货啊', { act: 'question', faq: faqs });
    expect(again.record.outcome).not.toBe('clarified');
  });
});

describe('clauses that are one question', () => {
  it('does not answer a clause with no topic of its own ("大概要几天") as a side question', () => {
    const chat = new Conversation(ecommerceBot());
    const text = '想换个大一码的，大概要几天';
    const out = chat.sayClauses(text, { intent: 'exchange_request', confidence: 0.9, act: 'question' }, [
      ['想换个大一码的', { intent: 'exchange_request', confidence: 0.9, act: 'request' }],
      ['大概要几天', { act: 'question', faq: [{ id: 'delivery_time', confidence: 0.8 }] }],
    ]);
    expect(out.record.faqId).toBeNull();
  });

  it('does answer a side question beside a task when the whole message retrieves it too', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.sayClauses('我想退货，运费谁出', { intent: 'return_request', confidence: 1, act: 'question', actConfidence: 0.68, faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] }, [
      ['我想退货', { intent: 'return_request', confidence: 1, act: 'request', faq: [{ id: 'return_how_to', confidence: 1 }] }],
      ['运费谁出', { act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
  });
});

describe('a question that names a menu entry', () => {
  it('is answered, not taken as a tap on the welcome menu', () => {
    const chat = new Conversation(ecommerceBot());
    chat.start();
    const out = chat.say('退货退款在哪里申请', { intent: 'return_request', confidence: 1, act: 'question', faq: [{ id: 'return_how_to', confidence: 0.8 }] });
    expect(out.record.faqId).toBe('return_how_to');
    expect(out.state.flow).toBeNull();
  });
});

describe('a value with a question beside it, mid-flow', () => {
  it('keeps the order number and answers the question', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 1, act: 'request' });
    const text = 'E202611250001，运费谁出';
    const nlu = nluParse({ text, act: 'question', actConfidence: 0.97, entities: [{ type: 'order_number', value: 'E202611250001' }], faq: [{ id: 'return_shipping_fee', confidence: 0.88 }] });
    const clauses = [
      { text: 'E202611250001', nlu: nluParse({ text: 'E202611250001', act: 'request', entities: [{ type: 'order_number', value: 'E202611250001' }] }) },
      { text: '运费谁出', nlu: nluParse({ text: '运费谁出', act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 1 }] }) },
    ];
    const out = ecommerceBot().handle(chat.state, { type: 'user', text, nlu, now: '2026-11-25T02:00:00.000Z', clauses });
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: 'E202611250001' } });
  });
});

describe('side questions versus new tasks mid-task (part 3)', () => {
  const INVOICE_HOW: FaqAnswer = { id: 'invoice_how', question: '发票在哪里开？', answer: '在「我的订单」→「申请开票」即可。' };

  it('answers "发票在哪里开？" during a return and carries on with the return', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 1, act: 'request' });
    const out = chat.say('发票在哪里开？', { intent: 'invoice_request', confidence: 0.92, act: 'question', faq: [{ id: 'invoice_how', confidence: 0.5 }] }, [INVOICE_HOW]);
    expect(out.record.faqId).toBe('invoice_how');
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(chat.text()).toContain('我们继续刚才的退货申请');
  });

  it('starts the invoice for "帮我开张发票" and offers the return back when the invoice is done with', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 1, act: 'request' });
    const out = chat.say('帮我开张发票', { intent: 'invoice_request', confidence: 0.92, act: 'request' });
    expect(out.state.flow?.flowId).toBe('ecommerce.invoice');
    chat.say('算了');
    const back = chat.say('是');
    expect(back.state.flow?.flowId).toBe('ecommerce.return');
    expect(chat.text()).toContain('我们继续刚才的退货申请');
  });
});
