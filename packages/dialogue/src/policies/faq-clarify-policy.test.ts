import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { faqClarifyPolicy } from './faq-clarify-policy.js';

const bot = new PolicyHarness();
const HALF_MATCHES = [{ id: 'return_shipping_fee', confidence: 0.3 }, { id: 'delivery_time', confidence: 0.28 }];

describe('faq-clarify policy', () => {
  it('asks "您是想问…" with the FAQ candidates and the task the question is about', () => {
    const { acted, turn } = bot.trial(faqClarifyPolicy, undefined, '退回去的运费和时间呢', { intent: 'return_request', confidence: 0.9, act: 'question', faq: HALF_MATCHES });
    expect(acted).toBe(true);
    expect(turn.replies[0]).toEqual({ text: '您是想问以下哪个问题？', quickReplies: ['退货运费谁承担？', '一般几天发货？', '退货退款'] });
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify' });
    expect(turn.outcome()).toBe('clarified');
  });

  it('leaves a clear FAQ hit to be answered', () => {
    expect(bot.trial(faqClarifyPolicy, undefined, '退货运费谁出', { act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 0.9 }] }).acted).toBe(false);
  });

  it('leaves a request to its task', () => {
    expect(bot.trial(faqClarifyPolicy, undefined, '帮我退了', { intent: 'return_request', confidence: 0.9, act: 'request', faq: HALF_MATCHES }).acted).toBe(false);
  });

  it('clarifies for an intent only the knowledge base can answer, whatever the speech act', () => {
    expect(bot.trial(faqClarifyPolicy, undefined, '商品运费和发货', { intent: 'product_inquiry', confidence: 0.9, act: 'request', faq: HALF_MATCHES }).acted).toBe(true);
  });

  it('does not ask twice in a row', () => {
    expect(bot.trial(faqClarifyPolicy, ecommerceStates.clarified(), '运费和发货呢', { act: 'question', faq: HALF_MATCHES }).acted).toBe(false);
  });

  it('does nothing in a flow', () => {
    expect(bot.trial(faqClarifyPolicy, ecommerceStates.returnAskingForOrder(), '运费和发货呢', { act: 'question', faq: HALF_MATCHES }).acted).toBe(false);
  });
});
