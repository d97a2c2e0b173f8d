import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { intentOrFaqPolicy } from './intent-or-faq-policy.js';

const bot = new PolicyHarness();

describe('intent-or-faq policy', () => {
  it('starts the flow of a confident intent', () => {
    const { acted, turn } = bot.trial(intentOrFaqPolicy, undefined, '我要退货', { intent: 'return_request', confidence: 0.9 });
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('answers an FAQ that is clearly surer than the flow intent', () => {
    const { turn } = bot.trial(intentOrFaqPolicy, undefined, '发货要几天', { intent: 'order_status', confidence: 0.62, faq: [{ id: 'delivery_time', confidence: 0.9 }] });
    expect(turn.faqId).toBe('delivery_time');
    expect(turn.state.flow).toBeNull();
  });

  it('answers a question the classifier hears a person in from a sure FAQ, instead of handing off', () => {
    const spec = { intent: 'human_agent', confidence: 0.97, act: 'request' as const, faq: [{ id: 'delivery_time', confidence: 0.8 }] };
    const asked = bot.trial(intentOrFaqPolicy, undefined, '你们工作人员一般几天发货', spec);
    expect(asked.turn.faqId).toBe('delivery_time');
    expect(asked.turn.handoff).toBeUndefined();
    expect(bot.trial(intentOrFaqPolicy, undefined, '让你们工作人员来处理', spec).turn.handoff).toBeDefined();
  });

  it('runs the task when the FAQ is about as sure', () => {
    const { turn } = bot.trial(intentOrFaqPolicy, undefined, '我想退货', { intent: 'return_request', confidence: 0.8, faq: [{ id: 'return_how_to', confidence: 0.85 }] });
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('does nothing without a confident intent', () => {
    expect(bot.trial(intentOrFaqPolicy, undefined, '嗯', { intent: 'return_request', confidence: 0.4 }).acted).toBe(false);
  });
});
