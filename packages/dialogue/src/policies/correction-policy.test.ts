import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER, OTHER_ORDER } from '../test-support/ecommerce-states.js';
import { Conversation } from '../test-support/conversation.js';
import { ecommerceBot } from '../test-support/ecommerce-bot.js';
import { correctionPolicy } from './correction-policy.js';

const bot = new PolicyHarness();

describe('correction policy', () => {
  it('replaces the order number and looks the new order up', () => {
    const { acted, turn, text } = bot.trial(correctionPolicy, ecommerceStates.returnAskingForReason(), `不对，订单号是${OTHER_ORDER}`);
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.orderId).toBe(OTHER_ORDER);
    expect(turn.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
    expect(text).toContain(`已更正为 ${OTHER_ORDER}`);
  });

  it('leaves a correction that fits no filled slot to the other policies', () => {
    expect(bot.trial(correctionPolicy, ecommerceStates.returnAskingForOrder(), `不对，是${ORDER}`).acted).toBe(false);
  });

  it('does nothing when the message corrects nothing', () => {
    expect(bot.trial(correctionPolicy, ecommerceStates.returnAskingForReason(), '质量问题').acted).toBe(false);
  });
});

describe('correction policy — slips owned up to anywhere, options, named free text', () => {
  it('corrects the order at the confirmation when the slip is mid-message', () => {
    const { acted, turn } = bot.trial(correctionPolicy, ecommerceStates.returnAskingToConfirm(), `诶等下，单号我输错了，要退的是面霜那单 ${OTHER_ORDER}`);
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.orderId).toBe(OTHER_ORDER);
    expect(turn.action).toMatchObject({ name: 'orders.get', args: { orderId: OTHER_ORDER } });
  });

  it('changes an option to the one the words mean, shown back by its label', () => {
    const { acted, turn, text } = bot.trial(correctionPolicy, ecommerceStates.returnAskingToConfirm(), '等一下原因选错了，不是质量问题，是买多了用不完');
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBe('no_longer_needed');
    expect(text).toContain('已更正为 不想要了');
  });
});

describe('correction policy — a change of choice at the confirmation', () => {
  it('takes another option shown in the summary without a correction cue', () => {
    const { acted, turn, text } = bot.trial(correctionPolicy, ecommerceStates.returnAskingToConfirm(), '要不还是让快递上门来取吧，懒得跑了');
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.returnMethod).toBe('pickup');
    expect(text).toContain('已更正为 上门取件');
  });

  it('reads what a change of mind settles on, after the cue, when the message names the choice it leaves too', () => {
    // Read whole, "自己寄" and "上门取" come equally close and nothing changed; the clause after 还是 is the new choice.
    const { acted, turn } = bot.trial(correctionPolicy, ecommerceStates.returnAskingToConfirm(), '自己寄太麻烦了，还是上门取吧');
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.returnMethod).toBe('pickup');
  });

  it('takes a change of mind about an earlier choice at a later step when the message says so ("想了想还是…")', () => {
    const chat = new Conversation(ecommerceBot());
    chat.state = ecommerceStates.returnAskingForReason();
    chat.say('衣服有破损');
    expect(chat.state?.flow?.stepId).toBe('method');
    const { acted, turn } = bot.trial(correctionPolicy, chat.state, '想了想原因还是算尺码不合适吧');
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBe('size');
    // Without saying so, a message at a later step is no change of an earlier choice.
    expect(bot.trial(correctionPolicy, chat.state, '尺码不合适').acted).toBe(false);
  });

  it('leaves a plain yes at the confirmation alone', () => {
    expect(bot.trial(correctionPolicy, ecommerceStates.returnAskingToConfirm(), '确认').acted).toBe(false);
  });
});
