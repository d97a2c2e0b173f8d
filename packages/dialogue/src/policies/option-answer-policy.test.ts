import { describe, expect, it } from 'vitest';
import { bareReturnAskingForReason, bareReturnFlows } from '../test-support/bare-return.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { optionAnswerPolicy } from './option-answer-policy.js';

const bot = new PolicyHarness();

const bare = new PolicyHarness({ flows: bareReturnFlows() });

describe('option answer policy', () => {
  it('takes the reason a free answer clearly names and moves on', () => {
    const { acted, turn, text } = bot.trial(optionAnswerPolicy, ecommerceStates.returnAskingForReason(), '穿了一次就开线了', { intent: 'complaint', confidence: 0.5 });
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBe('quality');
    expect(turn.state.flow?.labels.reason).toBe('商品质量问题');
    expect(text).toContain('怎样寄回');
  });

  it('maps a colour complaint to "与描述不符"', () => {
    const { turn } = bot.trial(optionAnswerPolicy, ecommerceStates.returnAskingForReason(), '收到的颜色和图片差太多');
    expect(turn.state.flow?.slots.reason).toBe('not_as_described');
  });

  it('reads an English answer by the options’ English words', () => {
    const { turn } = bot.trial(optionAnswerPolicy, ecommerceStates.returnAskingForReason(), "I just don't need it anymore, got another phone from work", { intent: 'human_agent', confidence: 0.4 });
    expect(turn.state.flow?.slots.reason).toBe('no_longer_needed');
  });

  it('takes an option the answer comes close to when no other comes close at all, and names it back', () => {
    const { acted, turn, text } = bare.trial(optionAnswerPolicy, bareReturnAskingForReason(), '感觉和描述不符合');
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBe('not_as_described');
    expect(text).toContain('好的，按『与描述不符』为您处理。');
    expect(turn.state.flow?.guess ?? null).toBeNull();
  });

  it('asks back, with yes/no buttons, when the answer only comes close and another option comes close too', () => {
    const { acted, turn, text } = bare.trial(optionAnswerPolicy, bareReturnAskingForReason(), '感觉和描述不符合，质量也一般般');
    expect(acted).toBe(true);
    expect(text).toBe('您说的是『与描述不符』吗？');
    expect(turn.replies.at(-1)?.quickReplies).toEqual(['是', '否']);
    expect(turn.state.flow?.guess).toEqual({ value: 'not_as_described', label: '与描述不符' });
    expect(turn.state.flow?.slots.reason).toBeUndefined();
  });

  it('leaves a question, and an unsure answer that asks for another task, to the other policies', () => {
    expect(bot.trial(optionAnswerPolicy, ecommerceStates.returnAskingForReason(), '退回去的运费是我出还是你们出啊？').acted).toBe(false);
    expect(bare.trial(optionAnswerPolicy, bareReturnAskingForReason(), '和描述不符合，我要投诉', { intent: 'complaint', confidence: 0.95 }).acted).toBe(false);
  });

  it('does nothing at a slot without options', () => {
    expect(bot.trial(optionAnswerPolicy, ecommerceStates.returnAskingForOrder(), '颜色和图片差太多').acted).toBe(false);
  });
});
