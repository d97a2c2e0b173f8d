import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { humanRequestPolicy } from './human-request-policy.js';

const bot = new PolicyHarness();

describe('human-request policy', () => {
  it('hands off on "转人工" whatever the classifier says', () => {
    const { acted, turn } = bot.trial(humanRequestPolicy, ecommerceStates.returnAskingForOrder(), '转人工', { intent: 'return_request', confidence: 0.7 });
    expect(acted).toBe(true);
    expect(turn.handoff).toEqual({ reason: 'user_request', priority: 'normal' });
  });

  it('hands off with high priority when the customer is upset', () => {
    const { turn } = bot.trial(humanRequestPolicy, undefined, '我要找人工客服', { emotion: 'anger', emotionScore: 0.55 });
    expect(turn.handoff?.priority).toBe('high');
  });

  it('does not take the classifier\'s human_agent for a button the customer picks', () => {
    expect(bot.trial(humanRequestPolicy, ecommerceStates.clarified(), '物流延迟', { intent: 'human_agent', confidence: 0.8 }).acted).toBe(false);
  });

  it('does not take the classifier\'s human_agent for a vague phrase that needs clarifying', () => {
    expect(bot.trial(humanRequestPolicy, undefined, '订单有问题', { intent: 'human_agent', confidence: 0.8 }).acted).toBe(false);
  });

  it('does not hand off a question the classifier alone hears a person in, when an FAQ surely answers it', () => {
    const spec = { intent: 'human_agent', confidence: 0.97, act: 'request' as const, faq: [{ id: 'delivery_time', confidence: 0.8 }] };
    expect(bot.trial(humanRequestPolicy, undefined, '你们工作人员一般几天发货', spec).acted).toBe(false);
    // Without a sure answer, or with no question in it, the classifier is believed.
    expect(bot.trial(humanRequestPolicy, undefined, '你们工作人员一般几天发货', { ...spec, faq: [{ id: 'delivery_time', confidence: 0.5 }] }).acted).toBe(true);
    expect(bot.trial(humanRequestPolicy, undefined, '让你们工作人员来处理', spec).acted).toBe(true);
  });

  it('does not take a question about people ("周末有人工客服吗") with an FAQ answer for a request', () => {
    expect(bot.trial(humanRequestPolicy, undefined, '周末有人工客服吗', { intent: 'human_agent', confidence: 1, act: 'question', faq: [{ id: 'delivery_time', confidence: 0.5 }] }).acted).toBe(false);
  });

  it('does not take a question about when people are on duty for a request, even with no FAQ to answer it', () => {
    expect(bot.trial(humanRequestPolicy, undefined, '半夜十二点还有人工客服在吗？', { intent: 'human_agent', confidence: 1, act: 'question' }).acted).toBe(false);
    expect(bot.trial(humanRequestPolicy, undefined, '现在有人工客服吗？', { intent: 'human_agent', confidence: 1, act: 'question' }).acted).toBe(true);
  });

  it('hands off "转人工" even phrased as a question', () => {
    expect(bot.trial(humanRequestPolicy, undefined, '能转人工吗', { intent: 'human_agent', confidence: 1, act: 'question', faq: [{ id: 'delivery_time', confidence: 0.5 }] }).acted).toBe(true);
  });

  it('does not take the classifier\'s human_agent for a yes that says more at a confirmation ("可以，确认")', () => {
    expect(bot.trial(humanRequestPolicy, ecommerceStates.returnAskingToConfirm(), '可以，确认', { intent: 'human_agent', confidence: 0.93 }).acted).toBe(false);
  });

  it('believes the classifier\'s human_agent otherwise', () => {
    expect(bot.trial(humanRequestPolicy, undefined, '找个活人跟我说', { intent: 'human_agent', confidence: 0.8 }).acted).toBe(true);
  });
});
