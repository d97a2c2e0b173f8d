import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER } from '../test-support/ecommerce-states.js';
import { clarifyPolicy } from './clarify-policy.js';

const bot = new PolicyHarness();

describe('clarify policy', () => {
  it('asks which task a vague request means, with the candidates as buttons', () => {
    const { acted, turn } = bot.trial(clarifyPolicy, undefined, '我的订单有问题', { intent: 'order_status', confidence: 0.5 });
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('clarified');
    expect(turn.replies[0]?.quickReplies).toEqual(['物流延迟', '退货退款', '退款进度']);
  });

  it('clarifies two candidates within the margin', () => {
    const candidates = [{ name: 'return_request', confidence: 0.45 }, { name: 'exchange_request', confidence: 0.42 }];
    expect(bot.trial(clarifyPolicy, undefined, '东西不想要了', { intent: 'return_request', confidence: 0.45, candidates }).acted).toBe(true);
  });

  it('never clarifies twice in a row', () => {
    expect(bot.trial(clarifyPolicy, ecommerceStates.clarified(), '订单有问题', { intent: 'order_status', confidence: 0.5 }).acted).toBe(false);
  });

  it('does not clarify a general question the knowledge base answers clearly', () => {
    const candidates = [{ name: 'return_request', confidence: 0.45 }, { name: 'exchange_request', confidence: 0.42 }];
    expect(bot.trial(clarifyPolicy, undefined, '退货运费谁承担？', { intent: 'return_request', confidence: 0.45, candidates, faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] }).acted).toBe(false);
  });

  it('does not clarify a clear request', () => {
    expect(bot.trial(clarifyPolicy, undefined, `${ORDER}我要退货`, { intent: 'return_request', confidence: 0.92 }).acted).toBe(false);
  });
});
