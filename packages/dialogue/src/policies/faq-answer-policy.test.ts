import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { faqAnswerPolicy } from './faq-answer-policy.js';

const bot = new PolicyHarness();

describe('faq-answer policy', () => {
  it('answers a sure FAQ hit', () => {
    const { acted, turn } = bot.trial(faqAnswerPolicy, undefined, '多久发货', { faq: [{ id: 'delivery_time', confidence: 0.7 }] });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('delivery_time');
    expect(turn.outcome()).toBe('answered');
  });

  it('does not answer an unsure one', () => {
    expect(bot.trial(faqAnswerPolicy, undefined, '多久发货', { faq: [{ id: 'delivery_time', confidence: 0.5 }] }).acted).toBe(false);
  });

  it('does nothing in a flow (mid-flow FAQs are detours)', () => {
    expect(bot.trial(faqAnswerPolicy, ecommerceStates.returnAskingForOrder(), '多久发货', { faq: [{ id: 'delivery_time', confidence: 0.7 }] }).acted).toBe(false);
  });
});
