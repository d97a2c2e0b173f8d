import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { generalQuestionPolicy } from './general-question-policy.js';

const bot = new PolicyHarness();

describe('general-question policy', () => {
  it('answers a how-things-work question from the FAQ even when a task intent is confident, offering the task', () => {
    const { acted, turn } = bot.trial(generalQuestionPolicy, undefined, '退货运费谁承担？', { intent: 'return_request', confidence: 0.8, faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('return_shipping_fee');
    expect(turn.replies.map((r) => r.text)).toEqual(['质量问题退货运费由商家承担；七天无理由退货运费由买家承担。', '需要现在帮您办理退货退款吗？']);
    expect(turn.replies[1]?.quickReplies).toEqual(['退货退款']);
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'offer_flow' });
    expect(turn.state.flow).toBeNull();
  });

  it('asks "您是想问…" when the FAQ hit reads as another topic than the message and is not sure enough to overrule it', () => {
    const faq = [{ id: 'delivery_time', confidence: 0.8, intent: 'order_status' }, { id: 'return_shipping_fee', confidence: 0.1, intent: 'return_request' }];
    const { acted, turn } = bot.trial(generalQuestionPolicy, undefined, '退回去的东西几天能到仓库？', { intent: 'return_request', confidence: 0.9, act: 'question', faq });
    expect(acted).toBe(true);
    expect(turn.faqId).toBeNull();
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify', options: [{ id: 'delivery_time' }, { id: 'return_shipping_fee' }, { kind: 'intent', id: 'return_request' }] });
  });

  it('does not answer a question about the customer\'s own case', () => {
    expect(bot.trial(generalQuestionPolicy, undefined, '我的退货运费谁出？', { intent: 'return_request', confidence: 0.8, faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] }).acted).toBe(false);
  });

  it('does not answer when two FAQs half-match', () => {
    const faq = [{ id: 'return_shipping_fee', confidence: 0.45 }, { id: 'delivery_time', confidence: 0.4 }];
    expect(bot.trial(generalQuestionPolicy, undefined, '运费和发货是怎么算的？', { faq }).acted).toBe(false);
  });

  it('answers a question about the customer\'s own trouble from a sure FAQ, and offers the task', () => {
    // The speech act reads the reported trouble as a request; the question in it still has its general answer.
    const { acted, turn } = bot.trial(generalQuestionPolicy, undefined, '退款一直没到，东西发错了退回去运费怎么算', {
      intent: 'refund_status',
      confidence: 0.95,
      act: 'request',
      actConfidence: 0.8,
      faq: [{ id: 'return_shipping_fee', confidence: 0.93 }],
    });
    expect(acted).toBe(true);
    expect(turn.faqId).toBe('return_shipping_fee');
    expect(turn.replies[1]?.quickReplies).toEqual(['退款进度']);
  });

  it('leaves such a message to its task when it names the customer\'s record', () => {
    const spec = {
      intent: 'return_request',
      confidence: 0.95,
      act: 'request' as const,
      actConfidence: 0.8,
      faq: [{ id: 'return_shipping_fee', confidence: 0.93 }],
      entities: [{ type: 'order_number', value: 'E202611250002', text: 'E202611250002' }],
    };
    expect(bot.trial(generalQuestionPolicy, undefined, '订单E202611250002退回去运费怎么算', spec).acted).toBe(false);
  });

  it('leaves such a message to its task when the FAQ is not sure', () => {
    const spec = { intent: 'return_request', confidence: 0.95, act: 'request' as const, actConfidence: 0.8, faq: [{ id: 'return_shipping_fee', confidence: 0.7 }] };
    expect(bot.trial(generalQuestionPolicy, undefined, '东西发错了，退回去运费怎么算', spec).acted).toBe(false);
  });

  it('answers the how-to of a task and offers it, unless the customer says they want it done', () => {
    const spec = { intent: 'return_request', confidence: 0.95, act: 'question' as const, actConfidence: 0.8, faq: [{ id: 'return_how_to', confidence: 0.95 }] };
    const howTo = bot.trial(generalQuestionPolicy, undefined, '退货在哪里申请', spec);
    expect(howTo.acted).toBe(true);
    expect(howTo.turn.faqId).toBe('return_how_to');
    expect(bot.trial(generalQuestionPolicy, undefined, '我想退货在哪里申请', spec).acted).toBe(false);
  });

  it('asks about a hit that is likelier right than wrong but not sure, rather than answering it', () => {
    const spec = { act: 'question' as const, faq: [{ id: 'return_shipping_fee', confidence: 0.5 }, { id: 'delivery_time', confidence: 0.1 }] };
    expect(bot.trial(generalQuestionPolicy, undefined, '运费到底谁出啊', spec).acted).toBe(false);
  });
});
