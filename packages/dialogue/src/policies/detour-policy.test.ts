import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { detourPolicy } from './detour-policy.js';

const bot = new PolicyHarness();

describe('detour policy', () => {
  it('answers a general question with a sure FAQ mid-flow and asks the step again', () => {
    const { acted, turn, text } = bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '退货运费谁承担？', { faq: [{ id: 'return_shipping_fee', confidence: 0.8 }] });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('return_shipping_fee');
    expect(text).toContain('请提供需要退货的订单号');
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('asks which question was meant when the FAQ hit reads as another topic than the message, and asks the step again', () => {
    // A return question matched to the FAQ on delivery times: the classifier hears a return, the FAQ is about shipping.
    const faq = [{ id: 'delivery_time', confidence: 0.8, intent: 'order_status' }, { id: 'return_shipping_fee', confidence: 0.1, intent: 'return_request' }];
    const { acted, turn, text } = bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '退回去的东西几天能到仓库？', { intent: 'return_request', confidence: 0.9, act: 'question', faq });
    expect(acted).toBe(true);
    expect(turn.faqId).toBeNull();
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify', options: [{ id: 'delivery_time' }, { id: 'return_shipping_fee' }] });
    expect(text).toContain('请提供需要退货的订单号');
  });

  it('does not take a question about the customer\'s own case as a detour', () => {
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '我的运费谁出？', { faq: [{ id: 'return_shipping_fee', confidence: 0.8 }] }).acted).toBe(false);
  });

  it('does not answer two half-matches', () => {
    const faq = [{ id: 'return_shipping_fee', confidence: 0.4 }, { id: 'delivery_time', confidence: 0.35 }];
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '运费和时间呢？', { faq }).acted).toBe(false);
  });

  it('answers a how-to question that names another task instead of starting it', () => {
    const faqAnswers = [{ id: 'invoice_how', question: '发票在哪里开？', answer: '在「我的订单」→「申请开票」即可。' }];
    const { acted, turn } = bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '发票在哪里开', { intent: 'invoice_request', confidence: 0.9, act: 'question', faq: [{ id: 'invoice_how', confidence: 0.45 }] }, { faqAnswers });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('invoice_how');
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('leaves an option said in the customer\'s own words to the option answer, though the act classifier hears a question', () => {
    // "我自己寄回去吧" names 自行寄回 and asks nothing: answering the return-shipping FAQ and asking again looped for good.
    const faq = [{ id: 'return_shipping_fee', confidence: 0.9 }];
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForMethod(), '我自己寄回去吧', { act: 'question', actConfidence: 0.8, faq }).acted).toBe(false);
    // A real question at the same step is still a detour.
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForMethod(), '寄回去的运费谁出？', { act: 'question', actConfidence: 0.9, faq }).acted).toBe(true);
  });

  it('leaves a free-text answer to its step when the sure hit reads as another topic than the message', () => {
    const faq = [{ id: 'delivery_time', confidence: 0.8, intent: 'order_status' }];
    expect(bot.trial(detourPolicy, ecommerceStates.complaintAskingForDescription(), '客服问两句就不耐烦，到底还能不能好好说话？', { intent: 'complaint', confidence: 0.9, act: 'question', faq }).acted).toBe(false);
  });

  it('takes only a sure hit while a free-text answer is awaited', () => {
    expect(bot.trial(detourPolicy, ecommerceStates.complaintAskingForDescription(), '为什么发货这么慢？', { act: 'question', faq: [{ id: 'delivery_time', confidence: 0.45 }] }).acted).toBe(false);
  });
});
