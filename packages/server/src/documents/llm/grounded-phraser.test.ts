import { describe, expect, it } from 'vitest';
import type { EnabledPassage } from '../document-passage-port.js';
import type { ChatCompletionsClient, ChatMessage } from './chat-completions-client.js';
import type { DocumentLlmSettingsRepository } from './document-llm-settings-repository.js';
import { GroundedPhraser } from './grounded-phraser.js';

const passage: EnabledPassage = {
  passageId: 'p1', documentId: 'd1', documentTitle: '售后服务手册', version: 1, headingPath: ['第二十二章 服务类与虚拟商品', '22.2 电子卡券与充值'],
  text: '电子礼品卡有效期为3年，不能兑换现金，余额可以分次使用。', anchor: '22-2',
};

function phraser(reply: string, endpoint: { baseUrl: string; mainlandProvidersOnly: boolean } | null) {
  const sent: ChatMessage[][] = [];
  const settings = { endpoint: async () => (endpoint ? { ...endpoint, model: 'qwen-plus', apiKey: 'k' } : null) } as unknown as DocumentLlmSettingsRepository;
  const client = { complete: async (_e: unknown, messages: ChatMessage[]) => (sent.push(messages), { ok: true as const, text: reply }) } as unknown as ChatCompletionsClient;
  return { p: new GroundedPhraser(settings, client), sent };
}

describe('grounded LLM wording', () => {
  it('uses a faithful wording and masks personal data in the prompt', async () => {
    const { p, sent } = phraser('电子礼品卡的有效期是3年，余额可以分次使用。', { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', mainlandProvidersOnly: true });
    const r = await p.attempt({ tenantId: 't' }, '礼品卡能用多久？我手机13812345678，身份证11010519491231002X', [passage]);
    expect(r).toEqual({ text: '电子礼品卡的有效期是3年，余额可以分次使用。', outcome: 'used' });
    const prompt = JSON.stringify(sent[0]);
    expect(prompt).not.toContain('13812345678');
    expect(prompt).not.toContain('11010519491231002X');
    expect(prompt).toContain('电子礼品卡有效期为3年');
  });

  it('drops a wording with a made-up number or a flipped negation', async () => {
    expect((await phraser('电子礼品卡的有效期是5年。', { baseUrl: 'https://api.deepseek.com/v1', mainlandProvidersOnly: true }).p.attempt({ tenantId: 't' }, '礼品卡能用多久', [passage])).outcome).toBe('ungrounded');
    expect((await phraser('电子礼品卡可以兑换现金。', { baseUrl: 'https://api.deepseek.com/v1', mainlandProvidersOnly: true }).p.attempt({ tenantId: 't' }, '礼品卡能换现金吗', [passage])).outcome).toBe('ungrounded');
  });

  it('never calls a non-mainland endpoint while "mainland providers only" is on', async () => {
    const { p, sent } = phraser('电子礼品卡的有效期是3年。', { baseUrl: 'https://api.openai.com/v1', mainlandProvidersOnly: true });
    expect((await p.attempt({ tenantId: 't' }, '礼品卡能用多久', [passage])).outcome).toBe('not_mainland');
    expect(sent).toHaveLength(0);
  });

  it('does nothing when no LLM is configured', async () => {
    expect((await phraser('x', null).p.attempt({ tenantId: 't' }, '礼品卡能用多久', [passage])).outcome).toBe('off');
  });
});
