import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { cancelPolicy } from './cancel-policy.js';

const bot = new PolicyHarness();

describe('cancel policy', () => {
  it('asks before dropping the task, with yes/no buttons', () => {
    const { acted, turn, text } = bot.trial(cancelPolicy, ecommerceStates.returnAskingForOrder(), '算了');
    expect(acted).toBe(true);
    expect(text).toBe('确定要取消当前的退货申请吗？');
    expect(turn.state.pending).toEqual({ kind: 'cancel_confirm' });
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
    expect(turn.outcome()).toBe('answered');
  });

  it('drops the task and starts the other one when the message already names it ("算了不退了，帮我查下物流")', () => {
    const { acted, turn, text } = bot.trial(cancelPolicy, ecommerceStates.returnAskingForOrder(), '算了不退了，帮我查一下订单到哪了', { intent: 'order_status', confidence: 0.92 });
    expect(acted).toBe(true);
    expect(text).toContain('退货申请已为您取消');
    expect(turn.state.pending).toBeNull();
    expect(turn.state.flow?.flowId).not.toBe('ecommerce.return');
    expect(turn.state.stack).toEqual([]);
  });

  it('does nothing outside flows', () => {
    expect(bot.trial(cancelPolicy, undefined, '算了').acted).toBe(false);
  });
});
