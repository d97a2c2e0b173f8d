import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScope } from '../../db/tenant-scope.js';
import { staffedTemplateTenant } from '../../handoff/assist/test-support/agent-desk-fixture.js';
import { widgetChat } from '../../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';

const backends = await testBackends();

// The ecommerce template's own policy document, imported the way an admin's upload is.
const MANUAL = readFileSync(new URL('../../../../templates/ecommerce/documents/after-sales-handbook.md', import.meta.url));

/** A local OpenAI-compatible endpoint: answers with whatever `next` holds and keeps the prompts it was sent. */
function fakeLlm() {
  const prompts: string[] = [];
  const state = { next: '' };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      prompts.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: state.next } }] }));
    });
  });
  return { server, prompts, state };
}

describe.each(backends)('answers from documents (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let admin: StaffSession;
  let documentId = '';
  const llm = fakeLlm();
  let llmUrl = '';

  beforeAll(async () => {
    t = await TestApp.start(backend, { webhookAllowPrivate: true, webhookAllowHttp: true }, { demoEnterprise: true });
    shop = await staffedTemplateTenant(t, { slug: 'docs-shop', template: 'ecommerce' });
    admin = await t.login(shop, 'admin');
    const saved = await TenantScope.asTenant(shop.id, () =>
      t.app.zhida.documents.importer.importUpload({ tenantId: shop.id }, { data: MANUAL, filename: 'after-sales-handbook.md', declaredMime: 'text/markdown', importedBy: null }),
    );
    documentId = saved.documentId;
    await new Promise<void>((ok) => llm.server.listen(0, '127.0.0.1', ok));
    llmUrl = `http://127.0.0.1:${(llm.server.address() as AddressInfo).port}/v1`;
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await new Promise((ok) => llm.server.close(ok));
  });

  it('answers a question no FAQ covers with the trimmed passage, its source and a link, and records the use', async () => {
    const chat = await widgetChat(t, shop);
    const replies = await chat.say('空调铜管加长怎么收费');
    const answer = replies.find((r) => r.meta.source);
    expect(answer?.text).toContain('每米80元');
    expect(answer?.text).not.toContain('每个孔50元');
    expect(answer?.text).toContain('来源：《售后服务手册》10.2 安装收费标准');
    const source = answer!.meta.source as { link: string; documentId: string; phrasing: string };
    expect(source.documentId).toBe(documentId);
    expect(source.link).toMatch(new RegExp(`^/api/v1/documents/${documentId}/view\\?.+#.+`));
    expect(source.phrasing).toBe('extractive');
    const uses = await TenantScope.asTenant(shop.id, () => t.app.zhida.documents.repository.uses({ tenantId: shop.id }, documentId, 10));
    expect(uses.map((u) => u.channel)).toContain('bot');
  });

  it('offers a person rather than guessing when no passage answers surely', async () => {
    const chat = await widgetChat(t, shop);
    const replies = await chat.say('手机贴膜是免费的吗？');
    expect(replies.some((r) => r.meta.source)).toBe(false);
    expect(replies.flatMap((r) => r.quickReplies)).toContain('转人工');
  });

  it('asks which of two close sections is meant rather than declining, and answers from the one picked with its source', async () => {
    const chat = await widgetChat(t, shop);
    const replies = await chat.say('买的延保是从什么时候开始算的');
    expect(replies.some((r) => r.meta.source)).toBe(false);
    const ask = replies.find((r) => r.quickReplies.includes('7.4 延保服务'));
    expect(ask?.text).toContain('您想了解的是下面哪一项');
    expect(ask!.quickReplies).toHaveLength(3);
    expect(ask!.quickReplies.at(-1)).toBe('转人工');
    const picked = await chat.say('7.4 延保服务');
    const answer = picked.find((r) => r.meta.source);
    expect(answer?.text).toContain('延保在原厂保修期结束后开始生效');
    expect(answer?.text).toContain('来源：《售后服务手册》7.4 延保服务');
    expect((answer!.meta.source as { documentId: string }).documentId).toBe(documentId);
  });

  it('refuses a non-mainland LLM endpoint while "mainland providers only" is on', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/document-llm', headers: admin.headers, payload: { enabled: true, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', apiKey: 'sk-test', mainlandProvidersOnly: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('llm_endpoint_not_mainland');
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/settings/document-llm', headers: admin.headers });
    expect(get.json()).toMatchObject({ enabled: false, mainlandProvidersOnly: true, apiKeySet: false });
  });

  it('sends an LLM wording only when every sentence is supported by the passages', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/document-llm', headers: admin.headers, payload: { enabled: true, baseUrl: llmUrl, model: 'qwen-plus', apiKey: 'sk-local', mainlandProvidersOnly: true } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ enabled: true, apiKeySet: true });
    expect(JSON.stringify(put.json())).not.toContain('sk-local');

    // Through the answerer the bot uses (settings, sealed key, SSRF guard, HTTP, grounding check).
    const { answerer } = t.app.zhida.documentAnswers;
    const ctx = { tenantId: shop.id };
    const question = '电子礼品卡有效期多久？';
    const found = await TenantScope.asTenant(shop.id, () => answerer.answer(ctx, question));
    expect(found.kind).toBe('answer');

    llm.state.next = '电子礼品卡的有效期是3年，余额可以分次使用。';
    const faithful = await TenantScope.asTenant(shop.id, () => answerer.phrase(ctx, question, found));
    expect(faithful).toMatchObject({ kind: 'answer', phrasing: 'llm', excerpt: '电子礼品卡的有效期是3年，余额可以分次使用。' });
    expect(llm.prompts.at(-1)).toContain('电子礼品卡有效期为3年');
    expect(llm.prompts.at(-1)).toContain('qwen-plus');

    llm.state.next = '电子礼品卡的有效期是5年，过期后可以兑换现金。';
    const madeUp = await TenantScope.asTenant(shop.id, () => answerer.phrase(ctx, question, found));
    expect(madeUp).toMatchObject({ kind: 'answer', phrasing: 'extractive' });
    expect(madeUp.kind === 'answer' && madeUp.excerpt).toContain('电子礼品卡有效期为3年');
  });
});
