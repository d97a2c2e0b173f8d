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

  it('does not take a question about the customer\'s own case as a detour', () => {
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '我的运费谁出？', { faq: [{ id: 'return_shipping_fee', confidence: 0.8 }] }).acted).toBe(false);
  });

  it('does not answer an unsure FAQ hit', () => {
    expect(bot.trial(detourPolicy, ecommerceStates.returnAskingForOrder(), '运费谁出？', { faq: [{ id: 'return_shipping_fee', confidence: 0.4 }] }).acted).toBe(false);
  });
});
