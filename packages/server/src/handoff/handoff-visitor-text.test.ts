import { describe, expect, it } from 'vitest';
import { agentJoinedText, leaveMessageQuickReply } from './handoff-visitor-text.js';

describe('agentJoinedText', () => {
  it('names the agent with the 客服 title', () => {
    expect(agentJoinedText('zh-CN', '小王')).toBe('客服 小王 已接入');
    expect(agentJoinedText('en', 'Lily')).toBe('Agent Lily has joined the chat.');
  });

  it('does not give the title twice to a name that already carries it (the demo logins are named "客服 李娜")', () => {
    expect(agentJoinedText('zh-CN', '客服 李娜')).toBe('客服 李娜 已接入');
  });
});

describe('leaveMessageQuickReply', () => {
  it('is the text the widget recognises as "open the leave-a-message form"', () => {
    expect(leaveMessageQuickReply('zh-CN')).toBe('留言');
    expect(leaveMessageQuickReply('en')).toBe('Leave a message');
  });
});
