import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER, OTHER_ORDER } from '../test-support/ecommerce-states.js';
import { correctionPolicy } from './correction-policy.js';

const bot = new PolicyHarness();

describe('correction policy', () => {
  it('replaces the order number and looks the new order up', () => {
    const { acted, turn, text } = bot.trial(correctionPolicy, ecommerceStates.returnAskingForReason(), `不对，订单号是${OTHER_ORDER}`);
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.orderId).toBe(OTHER_ORDER);
    expect(turn.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
    expect(text).toContain(`已更正为 ${OTHER_ORDER}`);
  });

  it('leaves a correction that fits no filled slot to the other policies', () => {
    expect(bot.trial(correctionPolicy, ecommerceStates.returnAskingForOrder(), `不对，是${ORDER}`).acted).toBe(false);
  });

  it('does nothing when the message corrects nothing', () => {
    expect(bot.trial(correctionPolicy, ecommerceStates.returnAskingForReason(), '质量问题').acted).toBe(false);
  });
});
