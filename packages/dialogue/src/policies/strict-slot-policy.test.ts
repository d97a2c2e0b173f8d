import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates, ORDER, OTHER_ORDER } from '../test-support/ecommerce-states.js';
import { strictSlotPolicy } from './strict-slot-policy.js';

const bot = new PolicyHarness();

describe('strict-slot policy', () => {
  it('fills the order number and looks the order up', () => {
    const { acted, turn } = bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForOrder(), `订单号是${ORDER}`);
    expect(acted).toBe(true);
    expect(turn.action).toMatchObject({ name: 'orders.get', args: { orderId: ORDER } });
  });

  it('takes a button as the answer whatever the classifier hears in it', () => {
    const { acted, turn } = bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForReason(), '质量问题', { intent: 'complaint', confidence: 0.9 });
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBeDefined();
  });

  it('leaves a number asked about as another task to the topic switch ("…到哪了")', () => {
    expect(bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForOrder(), `${OTHER_ORDER}到哪了，物流怎么这么慢`, { intent: 'order_status', confidence: 0.9 }).acted).toBe(false);
  });

  it('asks again for a mistyped number rather than reading it as something else', () => {
    const { acted, text } = bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForOrder(), '好像是12345', { intent: 'complaint', confidence: 0.7 });
    expect(acted).toBe(true);
    expect(text).toContain('订单号');
  });

  it('keeps a value that a general question with a fairly sure FAQ also gives', () => {
    const { acted, turn } = bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForOrder(), `${ORDER}能退吗`, { act: 'question', faq: [{ id: 'return_shipping_fee', confidence: 0.45 }] });
    expect(acted).toBe(true);
    expect(turn.action).toMatchObject({ args: { orderId: ORDER } });
  });

  it('takes a button label quoted as the answer even when a sure FAQ is about it ("畅享 59 元套餐" at the plan buttons)', () => {
    const { acted, turn } = bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForReason(), '商品质量问题', { act: 'question', actConfidence: 0.99, faq: [{ id: 'return_shipping_fee', confidence: 0.95 }] });
    expect(acted).toBe(true);
    expect(turn.state.flow?.slots.reason).toBeDefined();
  });

  it('leaves text with no value to the other policies', () => {
    expect(bot.trial(strictSlotPolicy, ecommerceStates.returnAskingForOrder(), '你们周末上班吗').acted).toBe(false);
  });
});
