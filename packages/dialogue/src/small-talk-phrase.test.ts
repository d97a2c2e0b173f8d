import { describe, expect, it } from 'vitest';
import { Conversation } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

describe('thanks that is not thanks', () => {
  it('answers sarcastic thanks, heard as anger, with an apology and a question instead of "不客气"', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('真是谢谢你们啊，让我白跑三趟', { intent: 'thanks', confidence: 0.9, emotion: 'anger', emotionScore: 0 });
    const text = out.replies.map((r) => r.text).join('');
    expect(text).toContain('抱歉');
    expect(text).not.toContain('不客气');
    expect(out.handoff).toBeUndefined();
  });

  it('still says 不客气 to plain thanks', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('谢谢你们', { intent: 'thanks', confidence: 0.9, emotion: 'satisfied' });
    expect(out.replies[0]?.text).toContain('不客气');
  });

  it('apologises mid-task too, and the task carries on', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    const out = chat.say('真是谢谢你们啊，让我白跑三趟', { intent: 'thanks', confidence: 0.95, emotion: 'anger', emotionScore: 0 });
    const text = out.replies.map((r) => r.text).join('');
    expect(text).not.toContain('不客气');
    expect(text).toContain('抱歉');
    expect(out.state.flow?.flowId).toBeDefined();
  });
});
