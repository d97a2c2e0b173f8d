import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { offTopicPolicy } from './off-topic-policy.js';

const bot = new PolicyHarness();

describe('off-topic policy', () => {
  it('says it cannot answer an out-of-scope question and asks for the value again, without counting an attempt', () => {
    const { acted, turn, text } = bot.trial(offTopicPolicy, ecommerceStates.returnAskingForOrder(), '今天天气怎么样', { outOfScope: true });
    expect(acted).toBe(true);
    expect(text).toContain('抱歉');
    expect(text).toContain('订单号');
    expect(turn.state.flow?.attempts ?? 0).toBe(0);
  });

  it('leaves a message with digits to the re-ask (it may be a mistyped value)', () => {
    expect(bot.trial(offTopicPolicy, ecommerceStates.returnAskingForOrder(), '是123吗', { outOfScope: true }).acted).toBe(false);
  });
});
