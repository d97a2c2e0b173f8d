import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { highRiskPolicy } from './high-risk-policy.js';

const bot = new PolicyHarness();

describe('high-risk policy', () => {
  it('hands a high-risk message to a person urgently, dropping the task under way', () => {
    const { acted, turn } = bot.trial(highRiskPolicy, ecommerceStates.returnAskingForOrder(), '我要去12315举报你们', { risk: 'high' });
    expect(acted).toBe(true);
    expect(turn.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
    expect(turn.state.flow).toBeNull();
  });

  it('leaves a medium-risk message to the other policies', () => {
    expect(bot.trial(highRiskPolicy, undefined, '你们这样我要投诉', { risk: 'medium' }).acted).toBe(false);
  });
});
