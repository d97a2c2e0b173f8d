import { describe, expect, it } from 'vitest';
import { InvalidDialogueEventError, UnexpectedActionResultError } from './dialogue-error.js';
import { dialogueStateSchema, type DialogueState } from './dialogue-state.js';
import { nluParse } from './test-support/nlu-parse-builder.js';
import { Conversation, industryFlows } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

const ORDER = 'E202611250001';
const OTHER_ORDER = 'E202611200007';
const DELIVERED = { orderId: ORDER, status: 'delivered', statusText: '已签收', daysSinceDelivery: 2, itemSummary: '纯棉T恤 ×1' };

function returnConversationAskingForOrder(): Conversation {
  const chat = new Conversation(ecommerceBot());
  chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
  return chat;
}

describe('clarification', () => {
  it('asks one question with three buttons for "我的订单有问题" instead of guessing', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我的订单有问题', { intent: 'order_status', confidence: 0.55 });
    expect(out.record.outcome).toBe('clarified');
    expect(out.replies).toHaveLength(1);
    expect(chat.buttons()).toEqual(['物流延迟', '退货退款', '退款进度']);
    expect(out.action).toBeUndefined();
    expect(out.state.flow).toBeNull();
  });

  it('clarifies the bare vague phrase even when the classifier is sure of a generic intent', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我的订单有问题啊', { intent: 'order_status', confidence: 1 });
    expect(out.record.outcome).toBe('clarified');
  });

  it('starts the picked flow when the customer taps a button', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我的订单有问题');
    const out = chat.say('退货退款');
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(out.record.intent).toBe('return_request');
    expect(chat.text()).toContain('订单号');
  });

  it('understands the button index ("第一个") as a pick', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我的订单有问题');
    expect(chat.say('第一个').state.flow?.flowId).toBe('ecommerce.logistics');
  });

  it('keeps an order number given in the vague message for the picked flow', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`订单${ORDER}有问题`, { entities: [{ type: 'order_number', value: ORDER }] });
    const out = chat.say('3');
    expect(out.state.flow?.flowId).toBe('ecommerce.refund_status');
    expect(out.action).toMatchObject({ name: 'refunds.get', args: { orderId: ORDER } });
  });

  it('clarifies when the NLU flags the parse as ambiguous, offering its candidates', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('东西不想要了钱怎么办', {
      intent: 'return_request',
      confidence: 0.48,
      ambiguous: true,
      candidates: [
        { name: 'return_request', confidence: 0.48 },
        { name: 'refund_status', confidence: 0.44 },
        { name: 'cancel_order', confidence: 0.3 },
      ],
    });
    expect(out.record.outcome).toBe('clarified');
    expect(chat.buttons()).toEqual(['退货退款', '退款进度', '取消订单']);
  });

  it('clarifies when the top two intents are within the margin, even if neither is flagged', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('钱和货的事', {
      intent: 'refund_status',
      confidence: 0.66,
      candidates: [
        { name: 'refund_status', confidence: 0.66 },
        { name: 'exchange_request', confidence: 0.61 },
      ],
    });
    expect(chat.buttons()).toEqual(['退款进度', '换货']);
  });

  it('does not second-guess a strong intent that contains the vague phrase', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('订单有问题，我要退货', { intent: 'return_request', confidence: 0.93 });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
  });
});

describe('slot filling', () => {
  it('asks for the order number when none was given', () => {
    const chat = returnConversationAskingForOrder();
    expect(chat.text()).toContain('请提供需要退货的订单号');
    expect(chat.last?.state.flow?.waiting).toBe('slot');
  });

  it('re-asks with the format hint when the order number is invalid, then accepts a valid one', () => {
    const chat = returnConversationAskingForOrder();
    const wrong = chat.say('12345');
    expect(wrong.action).toBeUndefined();
    expect(chat.text()).toContain('这个订单号好像不正确');
    const right = chat.say(`订单号是 ${ORDER}`);
    expect(right.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
  });

  it('hands off after the maximum number of invalid answers', () => {
    const chat = returnConversationAskingForOrder();
    chat.say('12345');
    chat.say('不知道');
    const out = chat.say('abc');
    expect(out.handoff).toEqual({ reason: 'repeated_failure', priority: 'normal' });
    expect(out.state.flow).toBeNull();
  });

  it('takes the order number from an NLU entity in the opening message', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.9, entities: [{ type: 'order_number', value: ORDER }] });
    expect(chat.last?.action?.args).toEqual({ orderId: ORDER });
  });

  it('does not take a number the NLU read as a mobile number for the order number', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我手机号13800138000，帮我查下订单', { intent: 'order_status', confidence: 0.9, entities: [{ type: 'mobile', value: '13800138000' }] });
    expect(out.action).toBeUndefined();
    expect(chat.text()).toBe('请提供您要查询的订单号。');
  });

  it('fills the order number from the opening message without asking', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say(`${ORDER}这单我要退货`, { intent: 'return_request', confidence: 0.9 });
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
  });
});

describe('corrections and cancellation', () => {
  it('overwrites the order number on "不对，订单号是…" and re-checks the new order', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    expect(chat.text()).toContain('退货的原因');
    const out = chat.say(`不对，订单号是${OTHER_ORDER}`);
    expect(chat.text()).toContain(`已更正为 ${OTHER_ORDER}`);
    expect(out.state.flow?.slots.orderId).toBe(OTHER_ORDER);
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
  });

  it('changes an option slot on "改成…" before confirming', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    chat.say('尺码不合适');
    chat.say('上门取件');
    expect(chat.text()).toContain('方式：上门取件');
    chat.say('改成自行寄回');
    expect(chat.last?.state.flow?.slots.returnMethod).toBe('dropoff');
    expect(chat.text()).toContain('方式：自行寄回');
  });

  it('asks before cancelling on "算了" and cancels on yes', () => {
    const chat = returnConversationAskingForOrder();
    const ask = chat.say('算了');
    expect(chat.text()).toBe('确定要取消当前的退货申请吗？');
    expect(ask.state.flow?.flowId).toBe('ecommerce.return');
    const out = chat.say('是');
    expect(out.record.outcome).toBe('cancelled');
    expect(out.state.flow).toBeNull();
    expect(chat.text()).toContain('已为您取消退货申请');
  });

  it('continues the flow with its question when the customer does not want to cancel', () => {
    const chat = returnConversationAskingForOrder();
    chat.say('不办了');
    const out = chat.say('否');
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(chat.text()).toBe('好的，我们继续退货申请：好的，我来帮您办理退货。请提供需要退货的订单号。');
  });

  it('treats "取消" at a confirmation as declining it, without a second question', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    chat.say('质量问题');
    chat.say('自己寄回去');
    const out = chat.say('取消');
    expect(out.record.outcome).toBe('cancelled');
    expect(out.action).toBeUndefined();
  });
});

describe('confirmations in English', () => {
  it('reads "nope" as declining, not as a correction', () => {
    const chat = new Conversation(ecommerceBot({ locale: 'en' }));
    chat.say(`cancel order ${ORDER}`, { intent: 'cancel_order', confidence: 0.9 });
    chat.actionSucceeds({ orderId: ORDER, status: 'paid', statusText: 'paid', itemSummary: 'T-shirt x1', amount: '¥59.00' });
    expect(chat.text()).toBe(`Cancel order ${ORDER} (T-shirt x1, ¥59.00)? This cannot be undone.`);
    expect(chat.buttons()).toEqual(['Confirm', 'Cancel']);
    const out = chat.say('nope');
    expect(chat.text()).toBe(`OK, order ${ORDER} stays as it is.`);
    expect(out.action).toBeUndefined();
  });
});

describe('lost action results', () => {
  it('asks for a lost action again, then gives up and offers a human instead of looping', () => {
    const chat = returnConversationAskingForOrder();
    const first = chat.say(ORDER);
    const again = chat.say('怎么还没好');
    expect(again.action).toEqual(first.action);
    expect(chat.text()).toBe('正在为您处理，请稍候…');
    chat.say('在吗');
    const out = chat.say('？？');
    expect(out.action).toBeUndefined();
    expect(chat.buttons()).toEqual(['转人工']);
    expect(out.state.flow).toBeNull();
  });

  it('lets the customer cancel while an action is outstanding', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    chat.say('算了');
    expect(chat.say('是').record.outcome).toBe('cancelled');
  });
});

describe('a task with no backend connected', () => {
  it('says plainly that it cannot be done online, offers a human or a ticket, and ends the task', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    const out = chat.actionFails('not_configured', '该业务尚未接入企业系统，暂不能在线办理');
    expect(chat.text()).toMatch(/^抱歉，.+暂不支持在线办理（尚未接入业务系统）。可以为您转人工客服，或提交工单由专人处理。$/);
    expect(chat.text()).not.toMatch(/繁忙|没有查到|请核对/);
    expect(chat.buttons()).toEqual(['转人工', '提交工单']);
    expect(out.action).toBeUndefined();
    expect(out.state.flow).toBeNull();
    expect(out.record.outcome).toBe('fallback');
    // Yes to the offer is a handoff.
    expect(chat.say('好的').handoff).toMatchObject({ reason: 'user_request' });
  });

  it('still follows the flow’s own branch for an outage', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(ORDER);
    chat.actionFails('unavailable', '系统繁忙，请稍后再试');
    expect(chat.text()).not.toContain('暂不支持在线办理');
  });
});

describe('visitor language', () => {
  it('answers an English visitor of a Chinese tenant in English for the whole conversation', () => {
    const bot = ecommerceBot({ messages: { welcome: '欢迎光临小店！' } });
    let out = bot.handle(undefined, { type: 'start', locale: 'en' });
    expect(out.replies[0]).toEqual({ text: "Hello, I'm the Zhida assistant. How can I help you?", quickReplies: ['Return an item', 'Exchange', 'Refund status', 'Order status'] });
    out = bot.handle(out.state, { type: 'user', text: 'I want to return something', nlu: nluParse({ intent: 'return_request', confidence: 0.9 }), now: '2026-11-25T02:00:00Z' });
    expect(out.replies[0]?.text).toBe('Sure, I can help with a return. Which order number is it?');
    const chinese = bot.handle(undefined, { type: 'start' });
    expect(chinese.replies[0]?.text).toBe('欢迎光临小店！');
  });
});

describe('context across turns', () => {
  it('answers an FAQ asked mid-flow and resumes with the pending question', () => {
    const chat = returnConversationAskingForOrder();
    const out = chat.say('退货运费谁出？', { intent: 'return_request', confidence: 0.55, faq: [{ id: 'return_shipping_fee', confidence: 0.88 }] });
    expect(out.replies[0]?.text).toContain('质量问题退货运费由商家承担');
    expect(out.replies[1]?.text).toBe('我们继续刚才的退货申请：好的，我来帮您办理退货。请提供需要退货的订单号。');
    // The turn answered a question; repeating the pending prompt does not make it a mere "resumed".
    expect(out.record.outcome).toBe('answered');
    expect(chat.say(ORDER).action?.name).toBe('orders.get');
  });

  it('runs another confident task mid-flow and then resumes the first one', () => {
    const chat = returnConversationAskingForOrder();
    chat.say(`${OTHER_ORDER}到哪了`, { intent: 'order_status', confidence: 0.9, entities: [{ type: 'order_number', value: OTHER_ORDER }] });
    expect(chat.last?.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
    const out = chat.actionSucceeds({ orderId: OTHER_ORDER, status: 'shipped', statusText: '运输中', carrier: '顺丰', trackingNumber: 'SF1234567890', latestEvent: '到达杭州转运中心' });
    expect(chat.text()).toContain('顺丰 运单号 SF1234567890');
    expect(chat.text()).toContain('我们继续刚才的退货申请');
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
    expect(out.record).toMatchObject({ outcome: 'completed', flowId: 'ecommerce.order_status' });
  });

  it('repeats the pending question on a greeting mid-flow instead of treating it as an answer', () => {
    const chat = returnConversationAskingForOrder();
    const out = chat.say('你好', { intent: 'greeting', confidence: 0.95 });
    expect(chat.text()).toBe('好的，我们继续退货申请：好的，我来帮您办理退货。请提供需要退货的订单号。');
    expect(out.state.flow?.attempts).toBe(0);
  });

  it('drops the task quietly when the customer says goodbye mid-flow', () => {
    const chat = returnConversationAskingForOrder();
    const out = chat.say('再见', { intent: 'goodbye', confidence: 0.95 });
    expect(chat.text()).toBe('感谢您的咨询，祝您生活愉快，再见！');
    expect(out.state.flow).toBeNull();
    expect(out.record.outcome).toBe('cancelled');
  });

  it('resolves "刚才那个订单" to the order used last', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`帮我查下订单${ORDER}`, { intent: 'order_status', confidence: 0.9, entities: [{ type: 'order_number', value: ORDER }] });
    chat.actionSucceeds({ orderId: ORDER, status: 'delivered', statusText: '已签收' });
    const out = chat.say('刚才那个订单我要退货', { intent: 'return_request', confidence: 0.88 });
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
  });

  it('resolves "那另一个订单呢" to the other order mentioned earlier, repeating the last task', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`我有两个订单${ORDER}和${OTHER_ORDER}，先查${ORDER}`, {
      intent: 'order_status',
      confidence: 0.85,
      entities: [
        { type: 'order_number', value: ORDER },
        { type: 'order_number', value: OTHER_ORDER },
      ],
    });
    expect(chat.last?.action?.args).toEqual({ orderId: ORDER });
    chat.actionSucceeds({ orderId: ORDER, status: 'paid', statusText: '待发货' });
    const out = chat.say('那另一个订单呢', { intent: null });
    expect(out.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
  });

  it('fills the awaited slot from memory when the customer says "就是它"', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say(`订单${ORDER}到哪了`, { intent: 'order_status', confidence: 0.9 });
    chat.actionSucceeds({ orderId: ORDER, status: 'paid', statusText: '待发货' });
    chat.say('我要改地址', { intent: 'modify_address', confidence: 0.9 });
    // orderId is a carry-over slot: the address flow reuses the order from the finished status query.
    expect(chat.last?.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
  });
});

describe('fallback ladder', () => {
  const notUnderstood = { intent: null, outOfScope: true } as const;

  it('asks to rephrase with suggestions first, offers a human second, and hands off third', () => {
    const chat = new Conversation(ecommerceBot());
    const first = chat.say('阿巴阿巴', { ...notUnderstood, faq: [{ id: 'delivery_time', confidence: 0.3 }] });
    expect(first.record.outcome).toBe('fallback');
    expect(chat.text()).toContain('换个说法');
    expect(chat.buttons()).toEqual(['一般几天发货？']);
    const second = chat.say('嗯嗯嗯嗯', notUnderstood);
    expect(chat.text()).toContain('需要为您转接人工客服吗');
    expect(chat.buttons()).toEqual(['转人工']);
    expect(second.handoff).toBeUndefined();
    const third = chat.say('呃呃', notUnderstood);
    expect(third.handoff).toEqual({ reason: 'repeated_failure', priority: 'normal' });
  });

  it('hands off when the customer accepts the offered human', () => {
    const chat = new Conversation(ecommerceBot({ maxFailures: 1 }));
    chat.say('阿巴阿巴', notUnderstood);
    expect(chat.buttons()).toEqual(['转人工']);
    expect(chat.say('好的').handoff?.reason).toBe('user_request');
  });

  it('hands off at once on an explicit "转人工"', () => {
    const chat = returnConversationAskingForOrder();
    const out = chat.say('转人工');
    expect(out.handoff).toEqual({ reason: 'user_request', priority: 'normal' });
    expect(chat.text()).toContain('正在为您转接人工客服');
    expect(out.state.flow).toBeNull();
  });

  it('hands off on a bare "人工", as the templates\' fallback message suggests', () => {
    const chat = new Conversation(ecommerceBot());
    expect(chat.say('人工').handoff?.reason).toBe('user_request');
  });

  it('resets the ladder once the customer is understood again', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('阿巴阿巴', notUnderstood);
    chat.say('你好', { intent: 'greeting', confidence: 0.95 });
    chat.say('阿巴阿巴', notUnderstood);
    expect(chat.text()).toContain('换个说法');
  });

  it('answers a picked suggestion', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('阿巴阿巴', { ...notUnderstood, faq: [{ id: 'delivery_time', confidence: 0.3 }] });
    const out = chat.say('1');
    expect(chat.text()).toBe('现货商品付款后 48 小时内发货。');
    expect(out.record.outcome).toBe('answered');
  });
});

describe('emotion and risk', () => {
  it('hands off a high-risk message at once, urgently, with a soothing reply', () => {
    const chat = returnConversationAskingForOrder();
    const out = chat.say('再不处理我就去消协投诉你们', { intent: 'complaint', confidence: 0.8, risk: 'high' });
    expect(out.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
    expect(chat.text()).toContain('非常重视');
    expect(out.record.outcome).toBe('handoff');
  });

  it('hands off strong anger with high priority', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('你们这是什么破服务！！！', { intent: 'complaint', confidence: 0.7, emotion: 'anger', emotionScore: 0.95 });
    expect(out.handoff).toEqual({ reason: 'anger', priority: 'high' });
  });

  it('adds an empathetic prefix to moderate anger without changing the answer', () => {
    const calm = new Conversation(ecommerceBot());
    calm.say('我要退货', { intent: 'return_request', confidence: 0.9 });
    const angry = new Conversation(ecommerceBot());
    angry.say('我要退货，烦死了', { intent: 'return_request', confidence: 0.9, emotion: 'anger', emotionScore: 0.5 });
    expect(angry.text()).toBe(`非常抱歉给您带来不便，${calm.text()}`);
    expect(angry.last?.handoff).toBeUndefined();
  });

  it('hands an openly furious customer to a person even without threat words (the NLU scores these around 0.65)', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('你们乱扣我钱，什么垃圾公司，马上给我退回来！', { intent: 'complaint', confidence: 1, emotion: 'anger', emotionScore: 0.65 });
    expect(out.handoff).toMatchObject({ reason: 'anger', priority: 'high' });
  });

  it('still does the task for an angry customer whose message is a task the bot can do (气死了，快递又延误了)', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('气死了，快递又延误了', { intent: 'logistics_delay', confidence: 1, emotion: 'anger', emotionScore: 0.63 });
    expect(out.handoff).toBeUndefined();
    expect(chat.text()).toMatch(/^非常抱歉给您带来不便/);
  });
});

describe('answers outside flows', () => {
  it('answers a confident FAQ hit when no flow intent wins', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('几天能发货', { intent: 'product_inquiry', confidence: 0.7, faq: [{ id: 'delivery_time', confidence: 0.82 }] });
    expect(chat.text()).toBe('现货商品付款后 48 小时内发货。');
    expect(out.record.outcome).toBe('answered');
  });

  it('runs the task rather than explaining it when the flow intent is about as sure as the FAQ', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('我要退货', { intent: 'return_request', confidence: 0.97, faq: [{ id: 'return_shipping_fee', confidence: 1 }] });
    expect(out.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('prefers FAQ answers passed in the event over the lookup', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('几天能发货', { faq: [{ id: 'delivery_time', confidence: 0.9 }] }, [{ id: 'delivery_time', question: '发货时间', answer: '今日下单明日发。' }]);
    expect(chat.text()).toBe('今日下单明日发。');
  });

  it('greets with the menu of tasks on start and lets a menu button start a flow', () => {
    const chat = new Conversation(ecommerceBot());
    chat.start();
    expect(chat.buttons()).toEqual(['退货退款', '换货', '退款进度', '查询订单']);
    expect(chat.say('换货').state.flow?.flowId).toBe('ecommerce.exchange');
  });

  it('answers a sure FAQ hit when the intent has no flow of its own, and asks about an unsure one', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('一般多久发货', { intent: 'product_inquiry', confidence: 0.8, faq: [{ id: 'delivery_time', confidence: 0.65 }] });
    expect(chat.text()).toBe('现货商品付款后 48 小时内发货。');
    const unsure = new Conversation(ecommerceBot());
    expect(unsure.say('一般多久发货', { intent: 'product_inquiry', confidence: 0.8, faq: [{ id: 'delivery_time', confidence: 0.45 }] }).record.outcome).toBe('clarified');
  });

  it('offers a human for an understood intent that has neither a flow nor an FAQ', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('这个有红色的吗', { intent: 'product_inquiry', confidence: 0.8 });
    expect(chat.text()).toContain('需要人工客服');
    expect(chat.buttons()).toEqual(['转人工']);
  });
});

describe('state persistence', () => {
  it('round-trips through JSON mid-flow and continues identically', () => {
    const bot = ecommerceBot();
    const chat = new Conversation(bot);
    chat.say('我要退货', { intent: 'return_request', confidence: 0.9 });
    chat.say(ORDER);
    chat.actionSucceeds(DELIVERED);
    const stored = JSON.stringify(chat.last?.state);
    const restored: unknown = JSON.parse(stored);
    expect(dialogueStateSchema.parse(restored)).toEqual(chat.last?.state);
    const resumed = new Conversation(bot);
    resumed.state = dialogueStateSchema.parse(restored);
    const a = chat.say('不想要了');
    const b = resumed.say('不想要了');
    expect(b).toEqual(a);
    expect(chat.text()).toContain('您希望怎样寄回商品');
  });

  it('does not modify the state it was given', () => {
    const chat = returnConversationAskingForOrder();
    const given = chat.last?.state;
    const snapshot = JSON.stringify(given);
    ecommerceBot().handle(given, { type: 'user', text: ORDER, nlu: nluParse({ text: ORDER }), now: '2026-11-25T02:00:00Z' });
    expect(JSON.stringify(given)).toBe(snapshot);
  });

  it('rejects a result for an action nobody is waiting for with a typed error', () => {
    const chat = returnConversationAskingForOrder();
    expect(() => ecommerceBot().handle(chat.last?.state, { type: 'action_result', actionId: 'stale', ok: true })).toThrow(UnexpectedActionResultError);
  });

  it('leaves a flow that was removed from the tenant\'s flows instead of failing on every message', () => {
    const chat = returnConversationAskingForOrder();
    const edited = ecommerceBot({ flows: industryFlows('ecommerce').filter((f) => f.id !== 'ecommerce.return') });
    const out = edited.handle(chat.last?.state, { type: 'user', text: '你好', nlu: nluParse({ text: '你好', intent: 'greeting', confidence: 0.95 }), now: '2026-11-25T02:00:00Z' });
    expect(out.state.flow).toBeNull();
    expect(out.replies[0]?.text).toBe('您好，请问有什么可以帮您？');
  });

  it('refuses a malformed event with a typed error', () => {
    const bad = { type: 'user', text: '你好' } as unknown as Parameters<ReturnType<typeof ecommerceBot>['handle']>[1];
    expect(() => ecommerceBot().handle(undefined, bad)).toThrow(InvalidDialogueEventError);
  });

  it('starts afresh from a stored state that no longer validates', () => {
    const out = ecommerceBot().handle({ version: 0 } as unknown as DialogueState, { type: 'start' });
    expect(out.state.flow).toBeNull();
    expect(out.replies[0]?.text).toContain('您好');
  });
});
