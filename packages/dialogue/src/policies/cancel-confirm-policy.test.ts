import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER } from '../test-support/ecommerce-states.js';
import { cancelConfirmPolicy } from './cancel-confirm-policy.js';

const bot = new PolicyHarness();

describe('cancel-confirm policy', () => {
  it('cancels the task on yes', () => {
    const { acted, turn } = bot.trial(cancelConfirmPolicy, ecommerceStates.returnAskingToCancel(), '是');
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('cancelled');
    expect(turn.state.flow).toBeNull();
  });

  it('goes on with the task on no, asking its question again', () => {
    const { acted, turn, text } = bot.trial(cancelConfirmPolicy, ecommerceStates.returnAskingToCancel(), '否');
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
    expect(text).toContain('请提供需要退货的订单号');
  });

  it('cancels when the reply gives the task up in its own words ("不用了，不退了")', () => {
    const { turn } = bot.trial(cancelConfirmPolicy, ecommerceStates.returnAskingToCancel(), '不用了，这单不退了');
    expect(turn.outcome()).toBe('cancelled');
    expect(turn.state.flow).toBeNull();
  });

  it('leaves anything else to the other policies (an order number is the answer to the task)', () => {
    expect(bot.trial(cancelConfirmPolicy, ecommerceStates.returnAskingToCancel(), ORDER).acted).toBe(false);
  });

  it('does nothing when no cancellation was asked', () => {
    expect(bot.trial(cancelConfirmPolicy, ecommerceStates.returnAskingForOrder(), '是').acted).toBe(false);
  });
});
