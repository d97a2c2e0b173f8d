import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { topicSwitchPolicy } from './topic-switch-policy.js';

const bot = new PolicyHarness();

describe('topic-switch policy', () => {
  it('starts another confident task and puts the current one aside', () => {
    const { acted, turn } = bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '帮我开张发票', { intent: 'invoice_request', confidence: 0.9 });
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.invoice');
    expect(turn.state.stack.map((e) => e.frame.flowId)).toContain('ecommerce.return');
  });

  it('switches on a fairly sure intent when the message announces a new request ("对了，另外帮我…"), not on the same intent said plainly', () => {
    const announced = bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '对了，另外帮我把发票开一下', { intent: 'invoice_request', confidence: 0.68 });
    expect(announced.acted).toBe(true);
    expect(announced.turn.state.flow?.flowId).toBe('ecommerce.invoice');
    expect(bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '发票的事', { intent: 'invoice_request', confidence: 0.68 }).acted).toBe(false);
  });

  it('drops the task quietly on goodbye', () => {
    const { acted, turn } = bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '再见', { intent: 'goodbye', confidence: 0.95 });
    expect(acted).toBe(true);
    expect(turn.state.flow).toBeNull();
    expect(turn.outcome()).toBe('cancelled');
  });

  it('answers a sure FAQ hit and resumes', () => {
    const { acted, turn } = bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '一般几天发货', { faq: [{ id: 'delivery_time', confidence: 0.7 }] });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('delivery_time');
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('leaves a message that is neither to the other policies', () => {
    expect(bot.trial(topicSwitchPolicy, ecommerceStates.returnAskingForOrder(), '嗯嗯', { intent: 'order_status', confidence: 0.5 }).acted).toBe(false);
  });
});
