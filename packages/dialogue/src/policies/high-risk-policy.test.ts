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

  it('answers self-harm or despair with care and the crisis hotlines, not the complaint reply, at top priority', () => {
    const { turn, text } = bot.trial(highRiskPolicy, ecommerceStates.returnAskingForOrder(), '退不了货我真的活不下去了', { risk: 'high', riskReasons: ['self_harm'] });
    expect(turn.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
    for (const hotline of ['400-161-9995', '010-82951332', '12356']) expect(text).toContain(hotline);
    expect(text).toContain('担心您');
    expect(text).not.toContain('您反映的情况我们非常重视');
    expect(turn.state.flow).toBeNull();
  });

  it('keeps the complaint reply, without hotlines, for other high-risk messages', () => {
    const { text } = bot.trial(highRiskPolicy, undefined, '再不处理我就去消协投诉你们', { risk: 'high', riskReasons: ['regulator_complaint'] });
    expect(text).toContain('非常重视');
    expect(text).not.toContain('400-161-9995');
  });

  it('leaves a medium-risk message to the other policies', () => {
    expect(bot.trial(highRiskPolicy, undefined, '你们这样我要投诉', { risk: 'medium' }).acted).toBe(false);
  });
});
