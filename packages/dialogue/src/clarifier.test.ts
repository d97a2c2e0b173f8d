import { describe, expect, it } from 'vitest';
import { Conversation } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

describe('clarifying a message the NLU flags as ambiguous', () => {
  it('asks which task is meant when a vague message leaves one intent sure but ambiguous ("快递的事")', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('快递的事', {
      intent: 'logistics_delay',
      confidence: 0.97,
      ambiguous: true,
      candidates: [
        { name: 'logistics_delay', confidence: 0.97 },
        { name: 'order_status', confidence: 0.02 },
        { name: 'modify_address', confidence: 0.01 },
      ],
    });
    expect(out.record.outcome).toBe('clarified');
    expect(chat.buttons()).toEqual(['物流延迟', '查询订单']);
  });

  it('starts the task of the same sure intent when the NLU does not flag the message', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('快递三天没动了', {
      intent: 'logistics_delay',
      confidence: 0.97,
      candidates: [
        { name: 'logistics_delay', confidence: 0.97 },
        { name: 'order_status', confidence: 0.02 },
      ],
    });
    expect(out.record.outcome).not.toBe('clarified');
  });

  it('offers no chit-chat or human button, and fills in from the clarify group that holds the only task candidate', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('退款那块', {
      intent: 'refund_status',
      confidence: 0.9,
      ambiguous: true,
      candidates: [
        { name: 'refund_status', confidence: 0.9 },
        { name: 'thanks', confidence: 0.05 },
        { name: 'human_agent', confidence: 0.03 },
        { name: 'greeting', confidence: 0.02 },
      ],
    });
    expect(out.record.outcome).toBe('clarified');
    // The ecommerce test bot's one clarify group holds refund_status with logistics_delay and return_request.
    expect(chat.buttons()).toEqual(['退款进度', '物流延迟', '退货退款']);
  });

  it('adds a third candidate only when it carries some weight', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('订单那块', {
      intent: 'order_status',
      confidence: 0.6,
      ambiguous: true,
      candidates: [
        { name: 'order_status', confidence: 0.6 },
        { name: 'cancel_order', confidence: 0.25 },
        { name: 'modify_address', confidence: 0.12 },
        { name: 'invoice_request', confidence: 0.01 },
      ],
    });
    expect(chat.buttons()).toEqual(['查询订单', '取消订单', '修改地址']);
  });
});
