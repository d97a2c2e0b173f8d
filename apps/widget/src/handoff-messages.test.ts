import { describe, expect, it } from 'vitest';
import { NO_HANDOFF } from './handoff-status-schema.js';
import { getHandoffCatalogue, handoffErrorText, handoffStatusLine } from './handoff-messages.js';

const zh = getHandoffCatalogue('zh-CN');
const en = getHandoffCatalogue('en');

describe('handoff status line', () => {
  it('tells a waiting visitor their place and the wait in whole minutes, never zero', () => {
    const waiting = { ...NO_HANDOFF, state: 'waiting' as const, ahead: 2, etaSeconds: 50 };
    expect(handoffStatusLine(waiting, zh)).toBe('正在为您转接人工客服，前面还有 2 位，预计等待 1 分钟');
    expect(handoffStatusLine({ ...waiting, ahead: 0, etaSeconds: 0 }, zh)).toBe('正在为您转接人工客服，您是下一位，预计等待 1 分钟');
    expect(handoffStatusLine({ ...waiting, etaSeconds: 181 }, en)).toBe('Connecting you to an agent. 2 people ahead of you, about 4 min');
    expect(handoffStatusLine({ ...waiting, ahead: null, etaSeconds: null }, zh)).toBe('正在为您转接人工客服');
  });

  it('names the agent who joined', () => {
    expect(handoffStatusLine({ ...NO_HANDOFF, state: 'connected', agentName: '小王' }, zh)).toBe('客服 小王 已接入');
    expect(handoffStatusLine({ ...NO_HANDOFF, state: 'connected', agentName: 'Lily' }, en)).toBe('Lily has joined the chat');
  });

  it('passes the server’s honest reason through when nobody can take the chat', () => {
    expect(handoffStatusLine({ ...NO_HANDOFF, state: 'unavailable', message: '人工客服服务时间为 9:00–18:00' }, zh)).toBe('人工客服服务时间为 9:00–18:00');
    expect(handoffStatusLine({ ...NO_HANDOFF, state: 'unavailable' }, zh)).toBe(zh.unavailableFallback);
  });

  it('says nothing when there is no handoff', () => {
    expect(handoffStatusLine(NO_HANDOFF, zh)).toBeNull();
  });

  it('shows the server’s own error message, and something useful when there is none', () => {
    expect(handoffErrorText({ code: 'validation_failed', message: '留言内容不能为空' }, zh)).toBe('留言内容不能为空');
    expect(handoffErrorText({ code: 'network_error', message: 'Failed to fetch' }, zh)).toBe('网络异常，请检查网络后重试');
    expect(handoffErrorText({ code: 'http_502', message: 'Bad Gateway' }, en)).toBe('Something went wrong, please try again');
  });
});
