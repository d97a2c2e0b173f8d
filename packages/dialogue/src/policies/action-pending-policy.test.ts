import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { actionPendingPolicy } from './action-pending-policy.js';

const bot = new PolicyHarness();

describe('action-pending policy', () => {
  it('requests the outstanding action again when a message arrives before its result', () => {
    const { acted, turn, text } = bot.trial(actionPendingPolicy, ecommerceStates.returnAwaitingLookup(), '好了没');
    expect(acted).toBe(true);
    expect(turn.action?.name).toBe('orders.get');
    expect(text).toBe('正在为您处理，请稍候…');
  });

  it('lets "算了" through to cancel', () => {
    expect(bot.trial(actionPendingPolicy, ecommerceStates.returnAwaitingLookup(), '算了').acted).toBe(false);
  });

  it('does nothing while the flow waits for a slot', () => {
    expect(bot.trial(actionPendingPolicy, ecommerceStates.returnAskingForOrder(), '好了没').acted).toBe(false);
  });
});
