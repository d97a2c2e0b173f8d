import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ownCaseQuestionPolicy } from './own-case-question-policy.js';

const bot = new PolicyHarness();
const request = { act: 'request' as const, actConfidence: 0.95 };

describe('own-case-question policy', () => {
  it('answers a question inside the customer\'s own story from a sure FAQ, then starts the task', () => {
    const { acted, turn } = bot.trial(ownCaseQuestionPolicy, undefined, '我昨天下的单，一般几天发货啊', {
      intent: 'order_status',
      confidence: 0.95,
      ...request,
      faq: [{ id: 'delivery_time', confidence: 0.95 }],
    });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('delivery_time');
    expect(turn.replies[0]?.text).toBe('现货商品付款后 48 小时内发货。');
    expect(turn.state.flow).not.toBeNull();
    expect(turn.intent?.name).toBe('order_status');
  });

  it('answers a plain question the speech act is unsure of, and offers the task as a button', () => {
    const { acted, turn } = bot.trial(ownCaseQuestionPolicy, undefined, '退回去的运费是不是买家出', {
      intent: 'return_request',
      confidence: 0.9,
      act: 'question',
      actConfidence: 0.9,
      faq: [{ id: 'return_shipping_fee', confidence: 0.96 }],
    });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('return_shipping_fee');
    expect(turn.replies[1]?.quickReplies).toEqual(['退货退款']);
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'offer_flow' });
    expect(turn.state.flow).toBeNull();
  });

  it('asks "您是想问…" instead of answering when the FAQ reads as another intent than the message, unless it is all but certain', () => {
    const spec = (confidence: number) => ({ intent: 'refund_status', confidence: 0.99, act: 'question' as const, actConfidence: 0.9, faq: [{ id: 'delivery_time', confidence, intent: 'order_status' }, { id: 'return_how_to', confidence: 0.2, intent: 'return_request' }] });
    const unsure = bot.trial(ownCaseQuestionPolicy, undefined, '退款一般几天能到账呀', spec(0.9));
    expect(unsure.acted).toBe(true);
    expect(unsure.turn.faqId).toBeNull();
    expect(unsure.turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify' });
    expect(unsure.turn.replies[0]?.quickReplies).toEqual(['一般几天发货？', '怎么退货？', '退款进度']);
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '退款一般几天能到账呀', spec(0.97)).turn.faqId).toBe('delivery_time');
    const agreeing = { ...spec(0.9), intent: 'order_status' };
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '我昨天下的单，一般几天发货啊', agreeing).turn.faqId).toBe('delivery_time');
  });

  it('leaves a hit short of sure to the task or to "您是想问…"', () => {
    const spec = { intent: 'order_status', confidence: 0.95, ...request, faq: [{ id: 'delivery_time', confidence: 0.7 }] };
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '我昨天下的单，一般几天发货啊', spec).acted).toBe(false);
  });

  it('does not answer a message that asks nothing: a bare topic is the task\'s name', () => {
    const spec = { intent: 'return_request', confidence: 0.95, act: 'question' as const, faq: [{ id: 'return_shipping_fee', confidence: 0.95 }] };
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '退货', spec).acted).toBe(false);
  });

  it('leaves a message naming the customer\'s record to its task', () => {
    const spec = {
      intent: 'order_status',
      confidence: 0.95,
      ...request,
      faq: [{ id: 'delivery_time', confidence: 0.95 }],
      entities: [{ type: 'order_number', value: 'E202611250002', text: 'E202611250002' }],
    };
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '订单E202611250002几天发货', spec).acted).toBe(false);
  });

  it('does the task when the customer\'s case asks how to get that very task done', () => {
    const spec = { intent: 'return_request', confidence: 0.95, ...request, faq: [{ id: 'return_how_to', confidence: 0.97 }] };
    expect(bot.trial(ownCaseQuestionPolicy, undefined, '东西坏了，我想退货怎么弄', spec).acted).toBe(false);
  });

  it('does the task when the customer wants a figure of their own and the FAQ only says how to look it up', () => {
    const howToLook = new PolicyHarness({
      faqLookup: (id) => (id === 'logistics_track' ? { question: '怎么查物流？', answer: '在「我的订单」里点「查看物流」。' } : undefined),
    });
    const spec = { intent: 'order_status', confidence: 0.95, ...request, faq: [{ id: 'logistics_track', confidence: 0.95 }] };
    expect(howToLook.trial(ownCaseQuestionPolicy, undefined, '我的快递到哪了', spec).acted).toBe(false);
    expect(howToLook.trial(ownCaseQuestionPolicy, undefined, '怎么看我的快递到哪了', spec).acted).toBe(true);
  });
});
