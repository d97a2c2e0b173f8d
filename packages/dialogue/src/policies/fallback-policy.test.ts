import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { fallbackPolicy } from './fallback-policy.js';

const bot = new PolicyHarness();

describe('fallback policy', () => {
  it('asks to rephrase, offering the FAQ and intent guesses as buttons', () => {
    const { acted, turn } = bot.trial(fallbackPolicy, undefined, '那个东西', { intent: 'return_request', confidence: 0.3, faq: [{ id: 'delivery_time', confidence: 0.3 }] });
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('fallback');
    expect(turn.replies[0]?.quickReplies).toEqual(['一般几天发货？', '退货退款']);
    expect(turn.state.failures).toBe(1);
  });

  it('does nothing in a flow', () => {
    expect(bot.trial(fallbackPolicy, ecommerceStates.returnAskingForOrder(), '那个东西').acted).toBe(false);
  });
});
