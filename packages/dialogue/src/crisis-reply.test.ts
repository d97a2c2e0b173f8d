import { describe, expect, it } from 'vitest';
import { Conversation } from './test-support/conversation.js';
import { ecommerceBot } from './test-support/ecommerce-bot.js';

const CRISIS = { risk: 'high', riskReasons: ['self_harm'] } as const;

describe('a customer in crisis', () => {
  it('gets a caring reply with the crisis hotlines, not the complaint reply', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('退不了货我真的活不下去了', { intent: 'return_request', confidence: 0.7, ...CRISIS });
    const reply = chat.text();
    for (const hotline of ['400-161-9995', '010-82951332', '12356']) expect(reply).toContain(hotline);
    expect(reply).toContain('担心您');
    expect(reply).not.toContain('您反映的情况我们非常重视');
  });

  it('is handed to a human at the top priority the server knows, and no task starts', () => {
    const chat = new Conversation(ecommerceBot());
    const out = chat.say('活着没意思了', CRISIS);
    expect(out.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
    expect(out.record.outcome).toBe('handoff');
    expect(out.state.flow).toBeNull();
  });

  it('is answered the same way in the middle of a task', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('我要退货', { intent: 'return_request', confidence: 0.92 });
    const out = chat.say('算了，我不想活了', CRISIS);
    expect(out.handoff?.priority).toBe('urgent');
    expect(chat.text()).toContain('400-161-9995');
  });

  it('leaves other high-risk messages with the complaint reply', () => {
    const chat = new Conversation(ecommerceBot());
    chat.say('再不处理我就去消协投诉你们', { risk: 'high', riskReasons: ['regulator_complaint'] });
    expect(chat.text()).toContain('非常重视');
    expect(chat.text()).not.toContain('400-161-9995');
  });
});
