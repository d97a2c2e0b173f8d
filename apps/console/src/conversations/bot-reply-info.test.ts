import { describe, expect, it } from 'vitest';
import { botReplyInfo } from './bot-reply-info.js';

describe('explaining a bot reply to the agent', () => {
  it('reads an FAQ answer with its confidence', () => {
    expect(botReplyInfo({ kind: 'faq', faqId: 'f1', replyTo: 'm1', confidence: 0.8 })).toEqual({ kind: 'faq', intent: null, confidence: 0.8 });
  });

  it('reads a recognised intent', () => {
    expect(botReplyInfo({ kind: 'intent', intent: 'return_goods', confidence: 0.91 })).toEqual({ kind: 'intent', intent: 'return_goods', confidence: 0.91 });
  });

  it('shows nothing for meta it does not understand', () => {
    expect(botReplyInfo({})).toBeNull();
    expect(botReplyInfo({ kind: 'experimental', confidence: 7, intent: 42 })).toBeNull();
  });

  it('keeps the parts that are valid when others are not', () => {
    expect(botReplyInfo({ kind: 'handoff', confidence: 'high' })).toEqual({ kind: 'handoff', intent: null, confidence: null });
  });
});
