import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { referencePolicy } from './reference-policy.js';

const bot = new PolicyHarness();

describe('reference policy', () => {
  it('repeats the last task for "刚才那个订单" with no new intent', () => {
    const { acted, turn } = bot.trial(referencePolicy, ecommerceStates.afterReturnLookup(), '刚才那个订单呢');
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('leaves a reference with a confident new intent to the other policies', () => {
    expect(bot.trial(referencePolicy, ecommerceStates.afterReturnLookup(), '刚才那个订单开发票', { intent: 'invoice_request', confidence: 0.9 }).acted).toBe(false);
  });

  it('does nothing before any task was done', () => {
    expect(bot.trial(referencePolicy, undefined, '刚才那个订单呢').acted).toBe(false);
  });
});
