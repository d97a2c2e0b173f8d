import { sql } from 'kysely';
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

  it('records each widget search and each opened result as analytics events, masked; a result the search never showed is a 404', async () => {
    const visitor = await t.startVisitor(a, {}, '10.9.0.2');
    const events = (type: string) =>
      t.as(a, () =>
        sql<{ outcome: string | null; value: string | number | null; faq_id: string | null; props: { query?: string; resultId?: string } }>`
          select outcome, value, faq_id, props from analytics_events where tenant_id = ${a.id} and type = ${type} order by occurred_at`.execute(t.app.zhida.database.db),
      ).then((r) => r.rows);
    const q = '怎么退货 我的电话13812345678';
    const res = await search(`/api/v1/widget/search?q=${encodeURIComponent(q)}`, visitor.headers);
    const hit = res.json().items[0] as { type: string; id: string };
    expect(hit).toMatchObject({ type: 'faq' });
    await search(`/api/v1/widget/search?q=${encodeURIComponent('完全无关的火星文xyz')}`, visitor.headers);
    await expect.poll(async () => (await events('search.performed')).filter((e) => e.props.query?.includes('138****5678') || e.props.query?.includes('火星文')).length).toBe(2);
    const performed = await events('search.performed');
    expect(JSON.stringify(performed)).not.toContain('13812345678');
    expect(performed.find((e) => e.props.query?.includes('火星文'))).toMatchObject({ outcome: 'none' });
    expect(Number(performed.find((e) => e.props.query?.includes('138****5678'))!.value)).toBeGreaterThan(0);

    const click = (body: object, headers: Record<string, string> = visitor.headers) => t.app.inject({ method: 'POST', url: '/api/v1/widget/search/clicks', headers, payload: body });
    expect((await click({ q, type: hit.type, id: hit.id })).statusCode).toBe(204);
    await expect.poll(async () => (await events('search.clicked')).length).toBe(1);
    const [clicked] = await events('search.clicked');
    expect(clicked).toMatchObject({ faq_id: hit.id, props: { resultId: `faq:${hit.id}` } });
    expect(clicked!.props.query).toContain('138****5678');
    // Tenant B's FAQ, a result of another query, and a malformed body record nothing.
    const foreign = await t.as(b, () => t.app.zhida.database.db.selectFrom('faqs').select('id').where('tenant_id', '=', b.id).executeTakeFirstOrThrow());
    expect((await click({ q, type: 'faq', id: foreign.id })).statusCode).toBe(404);
    expect((await click({ q: '火星文', type: hit.type, id: hit.id })).statusCode).toBe(404);
    expect((await click({ q, type: 'faq' })).statusCode).toBe(400);
    expect((await click({ q, type: hit.type, id: hit.id }, staffA.headers)).statusCode).toBe(401);
    expect(await events('search.clicked')).toHaveLength(1);
  });

  it('opens a result in full for the visitor: the FAQ answer; B\'s FAQ, a made-up id or a record type is a 404', async () => {
    const [hit] = (await (await search(`/api/v1/widget/search?q=${encodeURIComponent('怎么退货')}`, visitorA.headers)).json()).items as { type: string; id: string; title: string }[];
    const open = (path: string, headers: Record<string, string> = visitorA.headers) => t.app.inject({ method: 'GET', url: `/api/v1/widget/search/results/${path}`, headers });
    const res = await open(`${hit!.type}/${hit!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const faq = await t.as(a, () => t.app.zhida.database.db.selectFrom('faqs').select(['question', 'answer']).where('tenant_id', '=', a.id).where('id', '=', hit!.id).executeTakeFirstOrThrow());
    expect(res.json()).toEqual({ type: 'faq', id: hit!.id, title: faq.question, body: faq.answer });
    const foreign = await t.as(b, () => t.app.zhida.database.db.selectFrom('faqs').select('id').where('tenant_id', '=', b.id).executeTakeFirstOrThrow());
    expect((await open(`faq/${foreign.id}`)).statusCode).toBe(404);
    expect((await open('article/no-such-article')).statusCode).toBe(404);
    expect((await open(`order/${hit!.id}`)).statusCode).toBe(400);
    expect((await open(`faq/${hit!.id}`, staffA.headers)).statusCode).toBe(401);
  });

  it('asks for a visitor token on the widget route and a staff login on the staff route', async () => {
    expect((await search('/api/v1/widget/search?q=x', {})).statusCode).toBe(401);
    expect((await search('/api/v1/widget/search?q=x', staffA.headers)).statusCode).toBe(401);
    expect((await search('/api/v1/kb/search?q=x', visitorA.headers)).statusCode).toBe(401);
    expect((await search('/api/v1/kb/search?q=', staffA.headers)).statusCode).toBe(400);
  });
});
