import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { reAskPolicy } from './re-ask-policy.js';

const bot = new PolicyHarness();

describe('re-ask policy', () => {
  it('asks for the step again in a flow', () => {
    const { acted, text } = bot.trial(reAskPolicy, ecommerceStates.returnAskingForOrder(), '嗯嗯');
    expect(acted).toBe(true);
    expect(text).toContain('订单号');
  });

  it('does nothing outside flows', () => {
    expect(bot.trial(reAskPolicy, undefined, '嗯嗯').acted).toBe(false);
  });
});

describe('re-ask policy — a question with buttons', () => {
  it('asks for the closest button instead of calling the answer wrong', () => {
    const { text } = new PolicyHarness().trial(reAskPolicy, ecommerceStates.returnAskingForReason(), '嗯嗯嗯');
    expect(text).toContain('请从下面选择最接近的一项');
    expect(text).not.toContain('不正确');
  });
});
