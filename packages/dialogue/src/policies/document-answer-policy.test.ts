import { describe, expect, it } from 'vitest';
import { initialDialogueState } from '../dialogue-state.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { documentAnswerPolicy } from './document-answer-policy.js';
import { choiceReplyPolicy } from './choice-reply-policy.js';
import { documentDeclinePolicy } from './document-decline-policy.js';

const bot = new PolicyHarness();
const answer = { kind: 'answer' as const, passageId: 'p-45', text: '无理由退货的寄回运费由买家承担。\n来源：《售后服务手册》4.5 退货运费' };

describe('document answers', () => {
  it('answers a question no FAQ answers from the confident passage, with its source', () => {
    const { acted, turn, text } = bot.trial(documentAnswerPolicy, undefined, '无理由退货寄回去的运费谁出？', {}, { document: answer });
    expect(acted).toBe(true);
    expect(turn.passageId).toBe('p-45');
    expect(turn.outcome()).toBe('answered');
    expect(text).toContain('来源：《售后服务手册》4.5 退货运费');
  });

  it('leaves a question a clear FAQ answers to the FAQ', () => {
    expect(bot.trial(documentAnswerPolicy, undefined, '多久发货', { faq: [{ id: 'delivery_time', confidence: 0.9 }] }, { document: answer }).acted).toBe(false);
  });

  it('lets a confident task start its flow rather than answering from the documents', () => {
    expect(bot.trial(documentAnswerPolicy, undefined, '我要退货', { intent: 'return_request', confidence: 0.95 }, { document: answer }).acted).toBe(false);
  });

  it('does nothing in a flow', () => {
    expect(bot.trial(documentAnswerPolicy, ecommerceStates.returnAskingForOrder(), '运费谁出？', {}, { document: answer }).acted).toBe(false);
  });
});

describe('questions the documents do not answer', () => {
  it('says so and offers a person instead of guessing', () => {
    const { acted, turn, text } = bot.trial(documentDeclinePolicy, undefined, '你们的仓库在哪个城市？', {}, { document: { kind: 'declined' } });
    expect(acted).toBe(true);
    expect(text).toContain('没有找到这个问题的确切答案');
    expect(turn.replies[0]!.quickReplies).toEqual(['转人工']);
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'offer_human' });
    expect(turn.outcome()).toBe('fallback');
  });

  it('hands off when the customer keeps asking what nobody can answer', () => {
    const state = { ...initialDialogueState(), failures: 2 };
    const { turn } = bot.trial(documentDeclinePolicy, state, '你们的仓库在哪个城市？', {}, { document: { kind: 'declined' } });
    expect(turn.handoff?.reason).toBe('repeated_failure');
  });

  it('leaves a message that is no question to the fallback ladder', () => {
    expect(bot.trial(documentDeclinePolicy, undefined, '嗯嗯', {}, { document: { kind: 'declined' } }).acted).toBe(false);
  });
});

describe('two close sections of the documents', () => {
  const choices = [
    { passageId: 'p-41', label: '4.1 七天无理由退货', text: '签收次日起七天内可申请无理由退货。\n来源：《售后服务手册》4.1 七天无理由退货' },
    { passageId: 'p-191', label: '19.1 售后时效延长', text: '法定节假日期间售后时效顺延。\n来源：《售后服务手册》19.1 售后时效延长' },
  ];
  const declined = { kind: 'declined' as const, choices };

  it('asks which section is meant, a person offered beside them, instead of declining', () => {
    const { acted, turn, text } = bot.trial(documentDeclinePolicy, undefined, '第七天赶上放假，退货能顺延吗？', {}, { document: declined });
    expect(acted).toBe(true);
    expect(text).toContain('您想了解的是下面哪一项');
    expect(turn.replies[0]!.quickReplies).toEqual(['4.1 七天无理由退货', '19.1 售后时效延长', '转人工']);
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'clarify', text: '第七天赶上放假，退货能顺延吗？' });
    expect(turn.state.failures).toBe(0);
    expect(turn.outcome()).toBe('clarified');
  });

  it('answers from the section picked, with its source', () => {
    const asked = bot.trial(documentDeclinePolicy, undefined, '第七天赶上放假，退货能顺延吗？', {}, { document: declined }).turn.state;
    const { acted, turn, text } = bot.trial(choiceReplyPolicy, asked, '19.1 售后时效延长');
    expect(acted).toBe(true);
    expect(turn.passageId).toBe('p-191');
    expect(text).toBe(choices[1]!.text);
    expect(turn.outcome()).toBe('answered');
  });

  it('declines a second close call in a row rather than asking again', () => {
    const asked = bot.trial(documentDeclinePolicy, undefined, '第七天赶上放假，退货能顺延吗？', {}, { document: declined }).turn.state;
    const { turn, text } = bot.trial(documentDeclinePolicy, asked, '那赶上双十一呢，能顺延吗？', {}, { document: declined });
    expect(text).toContain('没有找到这个问题的确切答案');
    expect(turn.state.pending).toMatchObject({ kind: 'choice', purpose: 'offer_human' });
  });
});
