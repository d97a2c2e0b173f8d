import { sharedAffectClassifier } from '@zhida/nlu';
import { describe, expect, it } from 'vitest';
import { DialogueManager } from './dialogue-manager.js';
import { Conversation, industryFlows } from './test-support/conversation.js';

const affect = sharedAffectClassifier();
const INDUSTRIES = ['ecommerce', 'finance', 'government', 'telecom'] as const;

/** The customer says `text` with the emotion and risk the shipped classifier reads in it (the rest of the parse is neutral). */
function sayRead(chat: Conversation, text: string, intent: string | null = null) {
  const reading = affect.read(text);
  return chat.say(text, { intent, emotion: reading.emotion.label, emotionScore: reading.emotion.score, risk: reading.risk.level, riskReasons: reading.risk.reasons });
}

// Despair in the words of the issue, and others the classifier was not trained on.
describe('a customer in crisis, through the dialogue manager', () => {
  for (const [i, text] of ['活着没意思了', '不想活了', '撑不下去了', '这日子我真的撑不下去了，想一了百了', '钱都没了，我不打算再活下去了'].entries()) {
    const industry = INDUSTRIES[i % INDUSTRIES.length] ?? 'ecommerce';
    it(`answers "${text}" (${industry}) with care and the crisis hotlines, and hands off at top priority`, () => {
      const chat = new Conversation(new DialogueManager({ flows: industryFlows(industry), intentLabels: [], clarifyGroups: [], locale: 'zh-CN' }));
      const out = sayRead(chat, text);
      expect(out.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
      expect(chat.text()).toContain('400-161-9995');
      expect(chat.text()).toContain('担心您');
      expect(chat.text()).not.toContain('您反映的情况我们非常重视');
    });
  }

  it('leaves the task under way for a person, even mid-flow', () => {
    const chat = new Conversation(new DialogueManager({ flows: industryFlows('ecommerce'), intentLabels: [], clarifyGroups: [], locale: 'zh-CN' }));
    chat.say('我要退货', { intent: 'return_request', confidence: 0.95 });
    expect(chat.state?.flow).not.toBeNull();
    const out = sayRead(chat, '退不了就算了，反正我也活不下去了');
    expect(out.handoff?.priority).toBe('urgent');
    expect(out.state.flow).toBeNull();
    expect(chat.text()).toContain('010-82951332');
  });

  it('uses the hotline text the tenant configured instead of the built-in one', () => {
    const dm = new DialogueManager({
      flows: industryFlows('finance'),
      intentLabels: [],
      clarifyGroups: [],
      locale: 'zh-CN',
      messages: { handoffCrisis: '我们很担心您，已为您最优先转接人工。心理援助热线：12356。' },
    });
    const chat = new Conversation(dm);
    sayRead(chat, '欠的钱这辈子还不上了，活着没意思');
    expect(chat.text()).toBe('我们很担心您，已为您最优先转接人工。心理援助热线：12356。');
  });

  it('answers a threat with the complaint reply, not the hotlines', () => {
    const chat = new Conversation(new DialogueManager({ flows: industryFlows('telecom'), intentLabels: [], clarifyGroups: [], locale: 'zh-CN' }));
    const out = sayRead(chat, '再乱扣费我就去工信部投诉你们');
    expect(out.handoff).toEqual({ reason: 'high_risk', priority: 'urgent' });
    expect(chat.text()).not.toContain('400-161-9995');
  });

  it('does not treat an exaggeration about waiting as a crisis', () => {
    const chat = new Conversation(new DialogueManager({ flows: industryFlows('ecommerce'), intentLabels: [], clarifyGroups: [], locale: 'zh-CN' }));
    sayRead(chat, '快递慢得要命，等得我头都大了');
    expect(chat.text()).not.toContain('400-161-9995');
  });
});
