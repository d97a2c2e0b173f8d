import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbTestApp } from '../kb/articles/test-support/kb-test-app.js';
import type { KnowledgeBaseModules } from '../kb/articles/knowledge-base-modules.js';
import type { StaffSession, TestApp, TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';

const backends = await testBackends();

describe.each(backends)('self-service search (%s)', (backend) => {
  let t: TestApp;
  let kb: KnowledgeBaseModules;
  let a: TestTenant;
  let b: TestTenant;
  let staffA: StaffSession;
  let visitorA: { headers: Record<string, string> };
  let busyVisitor: { headers: Record<string, string> };
  const MARKER = 'B租户独有标记Qv7';

  beforeAll(async () => {
    ({ t, kb } = await startKbTestApp(backend));
    a = await t.createTenant('search-a');
    b = await t.createTenant('search-b');
    staffA = await t.login(a, 'analyst');
    visitorA = await t.startVisitor(a);
    // Started before any FAQ write, so no model retraining is still running when the app closes.
    busyVisitor = await t.startVisitor(a, {}, '10.9.0.1');
    await t.addFaq(a, '怎么退货？', '在「我的订单」中申请售后，选择退货退款。', ['如何申请退货']);
    await t.addFaq(b, `${MARKER} 怎么退货`, `${MARKER} 退货答案`);
    await t.as(b, async () => {
      const article = await kb.articles.create({ tenantId: b.id }, { title: `${MARKER} 退货指南`, body: `${MARKER} 退货需七天内申请。`, category: '售后', graphNodeIds: [] }, null);
      await kb.articles.publish({ tenantId: b.id }, article.id);
    });
  });
  afterAll(() => t.close());

  const search = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });

  it("never returns another tenant's FAQs or articles, to visitors or staff", async () => {
    for (const q of ['怎么退货', MARKER, '退货指南']) {
      for (const [url, headers] of [[`/api/v1/widget/search?q=${encodeURIComponent(q)}`, visitorA.headers], [`/api/v1/kb/search?q=${encodeURIComponent(q)}`, staffA.headers]] as const) {
        const res = await search(url, headers);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain(MARKER);
      }
    }
    const own = (await search(`/api/v1/widget/search?q=${encodeURIComponent('怎么退货')}`, visitorA.headers)).json().items;
    expect(own[0]).toMatchObject({ type: 'faq', title: '怎么退货？' });
  });

  it('sees a new FAQ at once, because FAQ writes move the cache version', async () => {
    const q = encodeURIComponent('以旧换新怎么折价');
    expect((await search(`/api/v1/widget/search?q=${q}`, visitorA.headers)).json().items).toEqual([]);
    await t.addFaq(a, '以旧换新怎么折价？', '旧机按质检结果折价抵扣。');
    expect((await search(`/api/v1/widget/search?q=${q}`, visitorA.headers)).json().items[0]).toMatchObject({ type: 'faq', title: '以旧换新怎么折价？', snippet: '旧机按质检结果折价抵扣。' });
  });

  it('limits one visitor to 60 searches a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await search('/api/v1/widget/search?q=%E9%80%80%E8%B4%A7', busyVisitor.headers)).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes[60]).toBe(429);
  });

  it('asks for a visitor token on the widget route and a staff login on the staff route', async () => {
    expect((await search('/api/v1/widget/search?q=x', {})).statusCode).toBe(401);
    expect((await search('/api/v1/widget/search?q=x', staffA.headers)).statusCode).toBe(401);
    expect((await search('/api/v1/kb/search?q=x', visitorA.headers)).statusCode).toBe(401);
    expect((await search('/api/v1/kb/search?q=', staffA.headers)).statusCode).toBe(400);
  });
});
