import { describe, expect, it } from 'vitest';
import { splitClauses } from './clause-splitter.js';
import { namesTask, restatesTask } from './side-question.js';
import { Conversation } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

const ORDER = 'E202611250001';
const SHIPPING_FEE_ANSWER = '质量问题退货运费由商家承担；七天无理由退货运费由买家承担。';
const ASK_ORDER = /订单号/;

describe('splitting a message into clauses', () => {
  it('splits at punctuation and joining words, dropping lead-ins', () => {
    expect(splitClauses('我想退货，运费谁出')).toEqual(['我想退货', '运费谁出']);
    expect(splitClauses('帮我查一下话费，顺便问下怎么开发票')).toEqual(['帮我查一下话费', '怎么开发票']);
    expect(splitClauses('帮我查话费另外问一下怎么开发票')).toEqual(['帮我查话费', '怎么开发票']);
    expect(splitClauses('I want to return it and who pays the shipping?')).toEqual(['I want to return it', 'who pays the shipping']);
  });

  it('keeps references, questions and decimals whole', () => {
    expect(splitClauses('那另外一个订单呢')).toEqual(['那另外一个订单呢']);
    expect(splitClauses('还有没有货')).toEqual(['还有没有货']);
    expect(splitClauses('流量还剩1.5G吗')).toEqual(['流量还剩1.5G吗']);
  });
});

describe('an FAQ that restates the task', () => {
  it('is a how-to of the task, not a question of its own', () => {
    expect(restatesTask('怎么退货？', ['申请退货', '退货申请'])).toBe(true);
    expect(restatesTask('怎么开发票？', ['开发票', '开具发票'])).toBe(true);
    expect(restatesTask('退货运费谁承担？', ['申请退货', '退货申请'])).toBe(false);
    expect(restatesTask('话费发票怎么开？', ['话费账单', '话费账单查询'])).toBe(false);
    expect(restatesTask('How do I return an item?', ['Return an item'])).toBe(true);
  });
});

describe('an FAQ that names the task', () => {
  it('names it in one of its names\' own words and order', () => {
    expect(namesTask('宽带怎么报修？多久上门？', ['宽带报修', 'broadband repair'])).toBe(true);
    expect(namesTask('银行卡丢了怎么挂失？', ['挂失/补卡', '银行卡挂失'])).toBe(true);
    expect(namesTask('How do I report a broadband fault?', ['Broadband fault'])).toBe(true);
    // 办 and 证 apart are not 办证.
    expect(namesTask('身份证丢了怎么补办？', ['办证/开证明', '证明开具'])).toBe(false);
    expect(namesTask('退货运费谁承担？', ['投诉'])).toBe(false);
  });
});

describe('a task and a question in one message', () => {
  it('answers "运费谁出" and then starts the return, recording both', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.sayClauses('我想退货，运费谁出', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_shipping_fee', confidence: 0.64 }] }, [
      ['我想退货', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_how_to', confidence: 1 }] }],
      ['运费谁出', { intent: null, outOfScope: true, faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.replies.map((r) => r.text)).toHaveLength(2);
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.replies[1]?.text).toMatch(ASK_ORDER);
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(out.record).toMatchObject({ intent: 'return_request', faqId: 'return_shipping_fee', flowId: 'ecommerce.return' });
  });

  it('answers a money question without a clause boundary when the task is sure ("我想退货运费谁出")', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我想退货运费谁出', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_shipping_fee', confidence: 0.72 }, { id: 'return_how_to', confidence: 0.08 }] });
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.replies[1]?.text).toMatch(ASK_ORDER);
    expect(out.record).toMatchObject({ intent: 'return_request', faqId: 'return_shipping_fee' });
  });

  it('answers a pure question ("退货运费谁出") with the FAQ, starting no return but offering it', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('退货运费谁出', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_shipping_fee', confidence: 1 }] });
    expect(out.replies.map((r) => r.text)).toEqual([SHIPPING_FEE_ANSWER, '需要现在帮您办理退货退款吗？']);
    expect(out.state.flow).toBeNull();
  });

  it('does not answer an FAQ that only restates the task: the flow\'s first question says it already', () => {
    const chat = new Conversation(ecommerceBot());
    const split = chat.sayClauses('我想退货，怎么退货', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_how_to', confidence: 0.9 }] }, [
      ['我想退货', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_how_to', confidence: 1 }] }],
      ['怎么退货', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_how_to', confidence: 1 }] }],
    ]);
    expect(split.replies).toHaveLength(1);
    expect(split.replies[0]?.text).toMatch(ASK_ORDER);
    expect(split.record).toMatchObject({ intent: 'return_request', faqId: null });

    const whole = new Conversation(ecommerceBot()).say('我想退货要怎么操作', { intent: 'return_request', confidence: 0.99, faq: [{ id: 'return_how_to', confidence: 0.75 }] });
    expect(whole.replies).toHaveLength(1);
    expect(whole.replies[0]?.text).toMatch(ASK_ORDER);
    expect(whole.record.faqId).toBeNull();
  });

  it('does not let an FAQ hit on an order number reply displace the answer', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.95 });
    const out = chat.say(ORDER, { intent: null, outOfScope: true, entities: [{ type: 'order_number', value: ORDER }], faq: [{ id: 'return_shipping_fee', confidence: 0.9 }] });
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
    expect(chat.text()).not.toContain(SHIPPING_FEE_ANSWER);
    expect(out.record.faqId).toBeNull();
  });

  it('answers a question beside the order number, then goes on with that order', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.95 });
    const out = chat.sayClauses(`${ORDER}，运费谁出`, { intent: 'return_request', confidence: 0.7, entities: [{ type: 'order_number', value: ORDER }] }, [
      [ORDER, { intent: null, entities: [{ type: 'order_number', value: ORDER }] }],
      ['运费谁出', { intent: null, outOfScope: true, faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
    expect(out.record.faqId).toBe('return_shipping_fee');
  });
});

describe('a how-to answered, with its task one tap or one detail away', () => {
  const howTo = (chat: Conversation) => chat.say('怎么退货', { intent: 'return_request', confidence: 0.97, faq: [{ id: 'return_how_to', confidence: 1 }] });

  it('offers the task after the answer, with the task as a button', () => {
    const out = howTo(new Conversation(ecommerceBot()));
    expect(out.record.faqId).toBe('return_how_to');
    expect(out.state.flow).toBeNull();
    expect(out.replies.at(-1)).toEqual({ text: '需要现在帮您办理退货退款吗？', quickReplies: ['退货退款'] });
  });

  it('starts the task with the order number the customer sends next', () => {
    const chat = new Conversation(ecommerceBot());
    howTo(chat);
    const out = chat.say(ORDER, { entities: [{ type: 'order_number', value: ORDER }] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(out.action).toMatchObject({ args: { orderId: ORDER } });
  });

  it('leaves a new question alone', () => {
    const chat = new Conversation(ecommerceBot());
    howTo(chat);
    const out = chat.say(`订单${ORDER}到哪了`, { intent: 'order_status', confidence: 0.95, entities: [{ type: 'order_number', value: ORDER }] });
    expect(out.state.flow?.flowId).not.toBe('ecommerce.return');
  });
});

describe('a task in one clause while the whole message reads as the question', () => {
  it('answers "运费谁出" and starts the return when the whole message was classed by its question', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.sayClauses(`订单${ORDER}想退货，运费谁出`, { intent: 'refund_status', confidence: 0.9, entities: [{ type: 'order_number', value: ORDER }] }, [
      [`订单${ORDER}想退货`, { intent: 'return_request', confidence: 0.95, entities: [{ type: 'order_number', value: ORDER }] }],
      ['运费谁出', { intent: 'refund_status', confidence: 0.6, faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.record).toMatchObject({ intent: 'return_request', faqId: 'return_shipping_fee', flowId: 'ecommerce.return' });
    expect(out.action).toMatchObject({ args: { orderId: ORDER } });
  });

  it('leaves two questions alone: no clause asks for a task', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.sayClauses('退货怎么退，运费谁出', { intent: 'refund_status', confidence: 0.4 }, [
      ['退货怎么退', { intent: 'return_request', confidence: 0.9, faq: [{ id: 'return_how_to', confidence: 1 }] }],
      ['运费谁出', { intent: null, outOfScope: true, faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.state.flow).toBeNull();
  });
});

describe('a compound message that names a menu entry', () => {
  it('still answers the question beside the task after the welcome menu', () => {
    const chat = new Conversation(ecommerceBot());
    chat.start();
    const out = chat.sayClauses('退货退款，运费谁出', { intent: 'return_request', confidence: 0.95 }, [
      ['退货退款', { intent: 'return_request', confidence: 0.95 }],
      ['运费谁出', { intent: null, outOfScope: true, faq: [{ id: 'return_shipping_fee', confidence: 1 }] }],
    ]);
    expect(out.replies[0]?.text).toBe(SHIPPING_FEE_ANSWER);
    expect(out.record).toMatchObject({ intent: 'return_request', faqId: 'return_shipping_fee', flowId: 'ecommerce.return' });
  });
});
