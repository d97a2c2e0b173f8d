import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { nluParse } from '../test-support/nlu-parse-builder.js';
import { compoundTaskPolicy } from './compound-task-policy.js';

const bot = new PolicyHarness();

describe('compound-task policy', () => {
  it('answers the question clause, then starts the task clause\'s flow', () => {
    const clauses = [
      { text: '我想退货', nlu: nluParse({ text: '我想退货', intent: 'return_request', confidence: 0.9 }) },
      { text: '运费谁出', nlu: nluParse({ text: '运费谁出', faq: [{ id: 'return_shipping_fee', confidence: 0.75 }] }) },
    ];
    const { acted, turn } = bot.trial(compoundTaskPolicy, undefined, '我想退货，运费谁出', { intent: 'return_request', confidence: 0.9 }, { clauses });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('return_shipping_fee');
    expect(turn.state.flow?.flowId).toBe('ecommerce.return');
    expect(turn.replies[0]?.text).toContain('运费');
  });

  it('does not answer a question clause that only restates the task ("怎么退货")', () => {
    const clauses = [
      { text: '我想退货', nlu: nluParse({ text: '我想退货', intent: 'return_request', confidence: 0.9 }) },
      { text: '怎么退', nlu: nluParse({ text: '怎么退', faq: [{ id: 'return_how_to', confidence: 0.75 }] }) },
    ];
    expect(bot.trial(compoundTaskPolicy, undefined, '我想退货，怎么退', { intent: 'return_request', confidence: 0.9 }, { clauses }).acted).toBe(false);
  });

  it('takes no task from a clause of values alone: "退货，单号…" is a return, not an order lookup', () => {
    const clauses = [
      { text: '退货', nlu: nluParse({ text: '退货', intent: 'return_request', confidence: 0.99, act: 'question', actConfidence: 0.7, faq: [{ id: 'return_shipping_fee', confidence: 0.9 }] }) },
      { text: '单号20261122900124', nlu: nluParse({ text: '单号20261122900124', intent: 'order_status', confidence: 0.92, entities: [{ type: 'order_number', value: '20261122900124' }] }) },
    ];
    const { acted } = bot.trial(compoundTaskPolicy, undefined, '退货，单号20261122900124', { intent: 'return_request', confidence: 0.99 }, { clauses });
    expect(acted).toBe(false);
  });

  it('does nothing for a task alone', () => {
    expect(bot.trial(compoundTaskPolicy, undefined, '我要退货', { intent: 'return_request', confidence: 0.9 }).acted).toBe(false);
  });
});
