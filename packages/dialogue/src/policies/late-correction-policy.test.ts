import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER, OTHER_ORDER } from '../test-support/ecommerce-states.js';
import { lateCorrectionPolicy } from './late-correction-policy.js';

const bot = new PolicyHarness();

describe('late correction policy', () => {
  it('reopens the return that just ended and looks the corrected order up', () => {
    const { acted, turn, text } = bot.trial(lateCorrectionPolicy, ecommerceStates.returnRefusedOutsideWindow(), `哎呀发错了，不是${ORDER}那单，是${OTHER_ORDER}`);
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
    expect(turn.state.flow?.slots.orderId).toBe(OTHER_ORDER);
    expect(turn.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
    expect(text).toContain(`已更正为 ${OTHER_ORDER}`);
  });

  it('takes a new value for the same slot without a cue, when the message asks nothing else', () => {
    const { acted, turn } = bot.trial(lateCorrectionPolicy, ecommerceStates.returnRefusedOutsideWindow(), `我说的是这一单：${OTHER_ORDER}`);
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.orderId).toBe(OTHER_ORDER);
  });

  it('leaves another task, a question or the same value to the other policies', () => {
    const ended = ecommerceStates.returnRefusedOutsideWindow();
    expect(bot.trial(lateCorrectionPolicy, ended, `${OTHER_ORDER}到哪了`, { intent: 'logistics_delay', confidence: 0.9 }).acted).toBe(false);
    expect(bot.trial(lateCorrectionPolicy, ended, '运费谁出？').acted).toBe(false);
    expect(bot.trial(lateCorrectionPolicy, ended, `不对，是${ORDER}`).acted).toBe(false);
  });

  it('lets the chance pass after two more turns', () => {
    const ended = ecommerceStates.returnRefusedOutsideWindow();
    ended.turn += 3;
    expect(bot.trial(lateCorrectionPolicy, ended, `哎呀发错了，是${OTHER_ORDER}`).acted).toBe(false);
  });
});
