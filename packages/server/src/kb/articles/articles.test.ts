import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantProvisioner } from '../../tenancy/tenant-provisioner.js';
import type { StaffSession, TestApp, TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { startKbTestApp } from './test-support/kb-test-app.js';

const backends = await testBackends();

describe.each(backends)('knowledge-base articles (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let editor: StaffSession;
  let visitor: { headers: Record<string, string> };

  beforeAll(async () => {
    ({ t } = await startKbTestApp(backend));
    shop = await t.createTenant('article-shop');
    other = await t.createTenant('article-other');
    editor = await t.login(shop, 'supervisor');
    visitor = await t.startVisitor(shop);
  });
  afterAll(() => t.close());

  const create = async (title: string, body: string, category = '售后') => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: editor.headers, payload: { title, body, category } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string; currentVersion: number; publishedVersion: number | null };
  };
  const visitorSearch = async (q: string) => {
    const res = await t.app.inject({ url: `/api/v1/widget/search?q=${encodeURIComponent(q)}`, headers: visitor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { type: string; id: string; title: string; snippet: string; score: number }[];
  };

  it('creates a draft at version 1 that visitors cannot find', async () => {
    const draft = await create('以旧换新活动规则', '旧手机折价抵扣新机货款，折价金额以质检结果为准。');
    expect(draft).toMatchObject({ status: 'draft', currentVersion: 1, publishedVersion: null });
    expect((await visitorSearch('以旧换新')).map((h) => h.id)).not.toContain(draft.id);
    const staff = await t.app.inject({ url: '/api/v1/kb/articles?status=draft', headers: editor.headers });
    expect(staff.json().items.map((a: { id: string }) => a.id)).toContain(draft.id);
  });

  it('lets visitors find a published article in natural language and in 繁體', async () => {
    const article = await create('冰箱安装服务说明', '冰箱送货上门后，师傅会在48小时内联系您预约安装。安装免费，但需要自备电源插座。');
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 1 });

    const hits = await visitorSearch('买的冰箱谁来装');
    expect(hits[0]).toMatchObject({ type: 'article', id: article.id, title: '冰箱安装服务说明' });
    expect(hits[0]!.snippet).toContain('安装');
    expect((await visitorSearch('冰箱安裝'))[0]?.id).toBe(article.id);
  });

  it('keeps serving the published text until the next version is published', async () => {
    const article = await create('会员日优惠', '每月8日会员日，全场满200减20。');
    await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers });
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${article.id}`, headers: editor.headers, payload: { body: '每月18日会员日，全场满300减50，限量领取。' } });
    expect(edited.json()).toMatchObject({ currentVersion: 2, publishedVersion: 1, status: 'published', body: '每月18日会员日，全场满300减50，限量领取。' });

    const before = (await visitorSearch('会员日优惠')).find((h) => h.id === article.id);
    expect(before?.snippet).toContain('满200减20');
    expect((await visitorSearch('限量领取')).map((h) => h.id)).not.toContain(article.id);

    await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers, payload: { version: 2 } });
    const after = (await visitorSearch('会员日优惠')).find((h) => h.id === article.id);
    expect(after?.snippet).toContain('满300减50');

    const detail = (await t.app.inject({ url: `/api/v1/kb/articles/${article.id}`, headers: editor.headers })).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.versions[1].body).toBe('每月8日会员日，全场满200减20。');
  });

  it('rolls back by publishing an older version, and refuses a version that does not exist', async () => {
    const article = await create('退货运费说明', '七天无理由退货，运费由买家承担。');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${article.id}`, headers: editor.headers, payload: { body: '七天无理由退货，运费险自动理赔。' } });
    const missing = await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers, payload: { version: 9 } });
    expect(missing.statusCode).toBe(404);
    const rolled = await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers, payload: { version: 1 } });
    expect(rolled.json()).toMatchObject({ currentVersion: 2, publishedVersion: 1 });
    expect((await visitorSearch('退货运费谁出')).find((h) => h.id === article.id)?.snippet).toContain('买家承担');
  });

  it('withdraws an archived article from search and bumps the knowledge-base version', async () => {
    const article = await create('春节发货安排', '春节期间仓库暂停发货，节后第一天恢复。');
    await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/publish`, headers: editor.headers });
    expect((await visitorSearch('春节发货')).map((h) => h.id)).toContain(article.id);
    const version = await t.as(shop, () => t.app.zhida.faqs.version({ tenantId: shop.id }));
    const archived = await t.app.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/archive`, headers: editor.headers });
    expect(archived.json().status).toBe('archived');
    expect(await t.as(shop, () => t.app.zhida.faqs.version({ tenantId: shop.id }))).toBe(version + 1);
    expect((await visitorSearch('春节发货')).map((h) => h.id)).not.toContain(article.id);
  });

  it('filters the staff list by category and text', async () => {
    await create('发票开具指南', '下单时选择电子发票即可。', '发票');
    const byCategory = (await t.app.inject({ url: `/api/v1/kb/articles?category=${encodeURIComponent('发票')}`, headers: editor.headers })).json().items;
    expect(byCategory.map((a: { title: string }) => a.title)).toEqual(['发票开具指南']);
    const byText = (await t.app.inject({ url: `/api/v1/kb/articles?q=${encodeURIComponent('电子发票')}`, headers: editor.headers })).json().items;
    expect(byText.map((a: { title: string }) => a.title)).toEqual(['发票开具指南']);
  });

  it("links an article only to nodes of the tenant's own knowledge graph", async () => {
    const provisioned = await new TenantProvisioner(t.app.zhida).create({ slug: 'article-graph', name: '图谱商城', template: 'ecommerce', users: [{ email: 'ed@graph.test', name: 'ed', role: 'admin', password: 'correct horse battery' }] });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: provisioned.slug, email: 'ed@graph.test', password: 'correct horse battery' } });
    const cookie = login.cookies.find((c) => c.name === 'zhida_session')!;
    const headers = { cookie: `zhida_session=${cookie.value}`, 'x-csrf-token': login.json().csrfToken as string };
    const linked = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers, payload: { title: 'Mate60 保修政策', body: '整机保修一年。', graphNodeIds: ['huawei_mate60'] } });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().graphNodeIds).toEqual(['huawei_mate60']);
    const unknown = await t.app.inject({ method: 'PATCH', url: `/api/v1/kb/articles/${linked.json().id}`, headers, payload: { graphNodeIds: ['huawei_mate60', 'no_such_node'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('no_such_node');
    // A tenant without a knowledge graph has nothing to link to.
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: editor.headers, payload: { title: 't', body: 'b', graphNodeIds: ['huawei_mate60'] } });
    expect(none.statusCode).toBe(400);
  });

  it('lets agents read but not write', async () => {
    const agent = await t.login(shop, 'agent');
    expect((await t.app.inject({ url: '/api/v1/kb/articles', headers: agent.headers })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: agent.headers, payload: { title: 't', body: 'b' } });
    expect(res.statusCode).toBe(403);
  });

  it("answers 404 for another tenant's article on every route and leaves it untouched", async () => {
    const theirs = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: (await t.login(other, 'admin')).headers, payload: { title: '别家文章', body: '别家内容' } });
    const id = theirs.json().id as string;
    const calls = [
      { method: 'GET' as const, url: `/api/v1/kb/articles/${id}` },
      { method: 'PATCH' as const, url: `/api/v1/kb/articles/${id}`, payload: { body: 'hacked' } },
      { method: 'POST' as const, url: `/api/v1/kb/articles/${id}/publish` },
      { method: 'POST' as const, url: `/api/v1/kb/articles/${id}/archive` },
    ];
    for (const c of calls) expect((await t.app.inject({ ...c, headers: editor.headers })).statusCode, c.url).toBe(404);
    const untouched = await t.app.zhida.database.db.selectFrom('tenants').select('kb_version').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(untouched.kb_version).toBe(0);
  });
});
