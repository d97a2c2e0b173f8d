import { describe, expect, it } from 'vitest';
import { Conversation } from '../test-support/conversation.js';
import { ecommerceBot } from '../test-support/ecommerce-bot.js';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { inDomainClarifyPolicy } from './in-domain-clarify-policy.js';

const bot = new PolicyHarness();
// What the NLU makes of "东西不太行": out of scope by its own bar, yet most of the in-scope weight on one task.
const underspecified = { intent: null, outOfScope: true, act: 'request' as const, candidates: [{ name: 'return_request', confidence: 0.62 }, { name: 'exchange_request', confidence: 0.05 }, { name: 'order_status', confidence: 0.01 }] };

describe('in-domain clarify policy', () => {
  it('asks which task an out-of-scope reading with a fair in-scope candidate means, instead of "没有完全理解"', () => {
    const { acted, turn } = bot.trial(inDomainClarifyPolicy, undefined, '东西不太行', underspecified);
    expect(acted).toBe(true);
    expect(turn.outcome()).toBe('clarified');
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify', options: [{ id: 'return_request' }, { id: 'exchange_request' }] });
  });

  it('is the reply the whole policy order gives such a message', () => {
    const chat = new Conversation(ecommerceBot());
    chat.start();
    expect(chat.say('东西不太行', underspecified).record.outcome).toBe('clarified');
  });

  it('leaves a request from outside the domain to the fallback ladder', () => {
    const foreign = { intent: null, outOfScope: true, act: 'request' as const, candidates: [{ name: 'order_status', confidence: 0.01 }, { name: 'return_request', confidence: 0.0 }] };
    expect(bot.trial(inDomainClarifyPolicy, undefined, '帮我订一张明天去北京的机票', foreign).acted).toBe(false);
  });

  it('does not ask twice in a row, nor inside a flow, nor for a how-things-work question', () => {
    expect(bot.trial(inDomainClarifyPolicy, ecommerceStates.clarified(), '东西不太行', underspecified).acted).toBe(false);
    expect(bot.trial(inDomainClarifyPolicy, ecommerceStates.returnAskingForOrder(), '东西不太行', underspecified).acted).toBe(false);
    expect(bot.trial(inDomainClarifyPolicy, undefined, '东西不太行怎么办呢？', { ...underspecified, act: 'question' }).acted).toBe(false);
  });
});
