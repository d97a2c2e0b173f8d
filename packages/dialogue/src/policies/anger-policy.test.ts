import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { angerPolicy } from './anger-policy.js';

const bot = new PolicyHarness();

describe('anger policy', () => {
  it('hands an angry complaint to a person with high priority', () => {
    const { acted, turn } = bot.trial(angerPolicy, undefined, '什么垃圾服务，气死我了', { intent: 'complaint', confidence: 0.8, emotion: 'anger', emotionScore: 0.65 });
    expect(acted).toBe(true);
    expect(turn.handoff).toEqual({ reason: 'anger', priority: 'high' });
  });

  it('lets a complaint the customer asks to file go to the complaint flow when part of its anger is the word 投诉', () => {
    const text = '投诉一下你们人民路支行的柜员，办个业务态度差得要命';
    expect(bot.trial(angerPolicy, undefined, text, { intent: 'complaint', confidence: 0.99, emotion: 'anger', emotionScore: 0.75, emotionCues: ['投诉', '态度差'] }).acted).toBe(false);
    // The same words in a rage still go to a person.
    expect(bot.trial(angerPolicy, undefined, text, { intent: 'complaint', confidence: 0.99, emotion: 'anger', emotionScore: 0.9, emotionCues: ['投诉', '态度差'] }).acted).toBe(true);
  });

  it('lets the same anger through when the message is a task the bot can do', () => {
    expect(bot.trial(angerPolicy, undefined, '气死了，快递又延误了', { intent: 'logistics_delay', confidence: 0.8, emotion: 'anger', emotionScore: 0.65 }).acted).toBe(false);
  });

  it('hands off a task message too once the anger is strong', () => {
    expect(bot.trial(angerPolicy, undefined, '快递又延误了！！！', { intent: 'logistics_delay', confidence: 0.8, emotion: 'anger', emotionScore: 0.9 }).acted).toBe(true);
  });
});
