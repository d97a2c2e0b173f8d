import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { confirmationPolicy } from './confirmation-policy.js';

const bot = new PolicyHarness();

describe('confirmation policy', () => {
  it('submits on yes', () => {
    const { acted, turn } = bot.trial(confirmationPolicy, ecommerceStates.returnAskingToConfirm(), '确认');
    expect(acted).toBe(true);
    expect(turn.action?.name).toBeDefined();
  });

  it('reads "取消" at a confirmation as no, ending the task without a second question', () => {
    const { acted, turn } = bot.trial(confirmationPolicy, ecommerceStates.returnAskingToConfirm(), '取消');
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('cancelled');
    expect(turn.action).toBeUndefined();
  });

  it('does nothing when no confirmation is asked', () => {
    expect(bot.trial(confirmationPolicy, ecommerceStates.returnAskingForOrder(), '确认').acted).toBe(false);
  });
});

describe('confirmation policy — a yes in the customer’s words', () => {
  it('submits on a yes that says more', () => {
    const { acted, turn } = bot.trial(confirmationPolicy, ecommerceStates.returnAskingToConfirm(), '没问题，提交吧', { intent: 'goodbye', confidence: 0.7 });
    expect(acted).toBe(true);
    expect(turn.action?.name).toBe('returns.create');
  });

  it('leaves a hedge to the other policies', () => {
    expect(bot.trial(confirmationPolicy, ecommerceStates.returnAskingToConfirm(), '好的，不过寄回方式改一下').acted).toBe(false);
  });
});
