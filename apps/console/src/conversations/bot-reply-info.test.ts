import { describe, expect, it } from 'vitest';
import { botReplyInfo } from './bot-reply-info.js';

describe('explaining a bot reply to the agent', () => {
  it('reads the dialogue turn record: outcome, intent and confidence', () => {
    const meta = {
      kind: 'answered',
      record: { intent: 'return_goods', confidence: 0.91, emotion: 'neutral', flowId: null, step: null, outcome: 'answered' },
      emotion: 'neutral',
      risk: 'none',
    };
    expect(botReplyInfo(meta)).toEqual({ kind: 'answered', intent: 'return_goods', confidence: 0.91, emotion: null, risk: null });
  });

  it('flags an angry visitor and a risky message so the agent can step in', () => {
    expect(botReplyInfo({ kind: 'handoff', emotion: 'anger', risk: 'high', riskReasons: ['complaint_threat'] })).toMatchObject({
      kind: 'handoff',
      emotion: 'anger',
      risk: 'high',
    });
  });

  it('still reads the older flat FAQ shape', () => {
    expect(botReplyInfo({ kind: 'faq', faqId: 'f1', replyTo: 'm1', confidence: 0.8 })).toEqual({
      kind: 'faq',
      intent: null,
      confidence: 0.8,
      emotion: null,
      risk: null,
    });
  });

  it('stays quiet about a plain answer with no reasoning attached, like the welcome message', () => {
    expect(botReplyInfo({ kind: 'answered', record: { intent: null, confidence: null, emotion: null, outcome: 'answered' } })).toBeNull();
  });

  it('shows nothing for meta it does not understand', () => {
    expect(botReplyInfo({})).toBeNull();
    expect(botReplyInfo({ kind: 'experimental', confidence: 7, intent: 42, record: 'x', emotion: 'bored' })).toBeNull();
  });

  it('keeps the parts that are valid when others are not', () => {
    expect(botReplyInfo({ kind: 'fallback', confidence: 'high' })).toEqual({ kind: 'fallback', intent: null, confidence: null, emotion: null, risk: null });
  });
});
