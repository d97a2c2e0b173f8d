import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { documentAnswerPolicy } from './document-answer-policy.js';
import { turnPolicies } from './turn-policies.js';
import { vagueClarifyPolicy } from './vague-clarify-policy.js';

const bot = new PolicyHarness();
const passage = { kind: 'answer' as const, passageId: 'p-12', text: '签收后七天内可申请无理由退货。\n来源：《售后服务手册》4.1 退货期限' };
const torn = [{ name: 'return_request', confidence: 0.5 }, { name: 'exchange_request', confidence: 0.3 }, { name: 'complaint', confidence: 0.2 }];

describe('vague requests before document answers', () => {
  it('asks which task a vague request means, even with a confident passage to hand', () => {
    const { acted, turn } = bot.trial(vagueClarifyPolicy, undefined, '买的东西的事', { intent: 'return_request', confidence: 0.5, candidates: torn, ambiguous: true, act: 'request' }, { document: passage });
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('clarified');
    expect(turn.replies[0]?.quickReplies?.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves a how-things-work question to the documents', () => {
    const spec = { intent: 'return_request', confidence: 0.5, candidates: torn, ambiguous: true, act: 'question' as const };
    expect(bot.trial(vagueClarifyPolicy, undefined, '退货有期限吗', spec, { document: passage }).acted).toBe(false);
    expect(bot.trial(documentAnswerPolicy, undefined, '退货有期限吗', spec, { document: passage }).acted).toBe(true);
  });

  it('does nothing for a request the NLU does not flag, nor inside a flow', () => {
    expect(bot.trial(vagueClarifyPolicy, undefined, '我要退货', { intent: 'return_request', confidence: 0.95, act: 'request' }, { document: passage }).acted).toBe(false);
    expect(bot.trial(vagueClarifyPolicy, ecommerceStates.returnAskingForOrder(), '买的东西的事', { candidates: torn, ambiguous: true, act: 'request' }).acted).toBe(false);
  });

  it('comes before the document answer in the decision order', () => {
    const names = turnPolicies.map((p) => p.name);
    expect(names.indexOf('vague_clarify')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('vague_clarify')).toBeLessThan(names.indexOf('document_answer'));
  });
});
