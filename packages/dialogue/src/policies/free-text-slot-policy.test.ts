import { describe, expect, it } from 'vitest';
import { PolicyHarness } from '../test-support/policy-harness.js';
import { ecommerceStates } from '../test-support/ecommerce-states.js';
import { freeTextSlotPolicy } from './free-text-slot-policy.js';

const bot = new PolicyHarness();

describe('free-text-slot policy', () => {
  it('takes the message as the description, even when the classifier hears the same task in it', () => {
    const { acted, turn } = bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), '客服把我电话挂了', { intent: 'complaint', confidence: 0.9 });
    expect(acted).toBe(true);
    expect(turn.action?.args).toMatchObject({ description: '客服把我电话挂了' });
  });

  it('leaves another confident task to the topic switch', () => {
    expect(bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), '我要退货', { intent: 'return_request', confidence: 0.9 }).acted).toBe(false);
  });

  it('takes a long account of what happened as the description, whatever task the classifier hears in it', () => {
    const story = '上周买的电饭煲到现在还卡在中转站，物流一直不更新，打客服电话也没人理';
    const { acted, turn } = bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), story, { intent: 'logistics_delay', confidence: 0.9 });
    expect(acted).toBe(true);
    expect(turn.action?.args).toMatchObject({ description: story });
    const english = 'The courier left my parcel at the gate in the rain and never called me once';
    expect(bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), english, { intent: 'logistics_delay', confidence: 0.9 }).acted).toBe(true);
  });

  it('still leaves a long message that asks for another task to the topic switch', () => {
    const request = '对了，先帮我查一下另一单E202611250002到哪了，好几天没动静';
    expect(bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), request, { intent: 'order_status', confidence: 0.9 }).acted).toBe(false);
  });

  it('leaves confident small talk to the topic switch', () => {
    expect(bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), '谢谢', { intent: 'thanks', confidence: 0.95 }).acted).toBe(false);
  });

  it('does not take a bare yes as the description', () => {
    const { acted, turn } = bot.trial(freeTextSlotPolicy, ecommerceStates.complaintAskingForDescription(), '好的');
    expect(acted).toBe(true);
    expect(turn.action).toBeUndefined();
    expect(turn.state.flow?.slots.description ?? null).toBeNull();
  });

  it('does nothing at a typed slot', () => {
    expect(bot.trial(freeTextSlotPolicy, ecommerceStates.returnAskingForOrder(), '随便写点').acted).toBe(false);
  });
});
