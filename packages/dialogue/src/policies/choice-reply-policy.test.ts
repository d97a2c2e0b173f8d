import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { nluParse } from '../test-support/nlu-parse-builder.js';
import { choiceReplyPolicy } from './choice-reply-policy.js';

const bot = new PolicyHarness();

describe('choice-reply policy', () => {
  it('starts the task of the clarification button picked', () => {
    const { acted, turn } = bot.trial(choiceReplyPolicy, ecommerceStates.clarified(), '退货退款');
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('reads "第二个" as the second button', () => {
    const { turn } = bot.trial(choiceReplyPolicy, ecommerceStates.clarified(), '第二个');
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('takes the classifier\'s intent as a pick when it is one of the options', () => {
    const { acted, turn } = bot.trial(choiceReplyPolicy, ecommerceStates.clarified(), '东西想退回去', { intent: 'return_request', confidence: 0.55 });
    expect(acted).toBe(true);
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
  });

  it('leaves a reply that picks nothing to the other policies', () => {
    expect(bot.trial(choiceReplyPolicy, ecommerceStates.clarified(), '你们几点下班').acted).toBe(false);
  });

  it('reads a menu entry said with more beside it as a message of its own', () => {
    const clauses = ['退货退款', '运费谁出'].map((text) => ({ text, nlu: nluParse({ text }) }));
    expect(bot.trial(choiceReplyPolicy, ecommerceStates.welcomed(), '退货退款，运费谁出', {}, { clauses }).acted).toBe(false);
  });
});
