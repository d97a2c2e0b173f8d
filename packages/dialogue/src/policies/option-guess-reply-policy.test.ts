import { describe, expect, it } from 'vitest';
import type { DialogueState } from '../dialogue-state.js';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { bareReturnAskingForReason, bareReturnFlows } from '../test-support/bare-return.js';
import { optionAnswerPolicy } from './option-answer-policy.js';
import { optionGuessReplyPolicy } from './option-guess-reply-policy.js';

const bot = new PolicyHarness({ flows: bareReturnFlows() });

/** The bot has just asked "您说的是『与描述不符』吗？". */
function guessing(): DialogueState {
  return bot.trial(optionAnswerPolicy, bareReturnAskingForReason(), '感觉和描述不符合，质量也一般般').turn.state;
}

describe('option guess reply policy', () => {
  it('takes the guessed option on a yes, however it is worded', () => {
    for (const yes of ['是', '嗯是的', '对，就是这个意思', '就是这个', 'yeah exactly', "that's it"]) {
      const { acted, turn } = bot.trial(optionGuessReplyPolicy, guessing(), yes);
      expect(acted).toBe(true);
      expect(turn.state.flow?.slots.reason).toBe('not_as_described');
    }
  });

  it('asks the question again with its buttons on a no', () => {
    const { acted, turn, text } = bot.trial(optionGuessReplyPolicy, guessing(), '不是');
    expect(acted).toBe(true);
    expect(text).toContain('请问退货的原因是？');
    expect(turn.replies.at(-1)?.quickReplies).toEqual(['商品质量问题', '与描述不符']);
    expect(turn.state.flow?.slots.reason).toBeUndefined();
    expect(turn.state.flow?.guess).toBeNull();
  });

  it('drops the guess and leaves any other message to the other policies', () => {
    const { acted, turn } = bot.trial(optionGuessReplyPolicy, guessing(), '商品质量问题');
    expect(acted).toBe(false);
    expect(turn.state.flow?.guess).toBeNull();
    // "对了" opening another request is no yes.
    expect(bot.trial(optionGuessReplyPolicy, guessing(), '对了，先帮我开张发票').acted).toBe(false);
  });
});
