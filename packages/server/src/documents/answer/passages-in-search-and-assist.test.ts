import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffedTemplateTenant } from '../../handoff/assist/test-support/agent-desk-fixture.js';
import { widgetChat } from '../../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';

const backends = await testBackends();

const MANUAL = readFileSync(new URL('../../../../templates/ecommerce/documents/after-sales-handbook.md', import.meta.url));
// The other tenant's manual answers the same question differently, with a marker that must never cross over.
const MARKER = 'QX7-OTHER-TENANT';
const OTHER_MANUAL = Buffer.from(`# 乙方安装手册\n\n## 第一章 安装\n\n### 1.1 空调安装收费\n\n空调铜管加长每米120元，由乙方公司上门收取，编号${MARKER}。\n`);
const QUESTION = '空调铜管加长怎么收费';

type SearchItem = { type: string; id: string; title: string; snippet: string; score: number; link?: string };

describe.each(backends)('document passages in search and agent assist (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let agent: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let documentId = '';

  const importAs = (tenant: TestTenant, data: Buffer, filename: string) =>
    t.as(tenant, () => t.app.zhida.documents.importer.importUpload({ tenantId: tenant.id }, { data, filename, declaredMime: 'text/markdown', importedBy: null }));
  const staffSearch = async (session: StaffSession, q: string): Promise<SearchItem[]> => {
    const res = await t.app.inject({ url: `/api/v1/kb/search?q=${encodeURIComponent(q)}`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const uses = () => t.as(shop, () => t.app.zhida.documents.repository.uses({ tenantId: shop.id }, documentId, 20));

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    shop = await staffedTemplateTenant(t, { slug: 'passages-shop', template: 'ecommerce' });
    other = await t.createTenant('passages-other');
    [agent, admin, otherAdmin] = await Promise.all([t.login(shop, 'agent'), t.login(shop, 'admin'), t.login(other, 'admin')]);
    documentId = (await importAs(shop, MANUAL, 'after-sales-handbook.md')).documentId;
    await importAs(other, OTHER_MANUAL, 'other.md');
  }, 600_000);
  afterAll(() => t?.close());

  it('lists the passage on the staff search with 《title》 and heading path, the trimmed text and a link to it', async () => {
    const items = await staffSearch(admin, QUESTION);
    const passage = items.find((i) => i.type === 'passage');
    expect(passage).toBeDefined();
    expect(passage!.title).toBe('《售后服务手册》第十章 大家电送装服务 › 10.2 安装收费标准');
    expect(passage!.snippet).toContain('每米80元');
    expect(passage!.link).toMatch(new RegExp(`^/api/v1/documents/${documentId}/view\\?.+#.+`));
    // The link opens the document (signed: a visitor holding it needs no session).
    const view = await t.app.inject({ url: passage!.link!.split('#')[0]! });
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('每米80元');
    expect(JSON.stringify(items)).not.toContain(MARKER);
  });

  it("finds only the caller's own tenant's passages", async () => {
    const theirs = await staffSearch(otherAdmin, QUESTION);
    expect(theirs.find((i) => i.type === 'passage')?.snippet).toContain(MARKER);
    expect(JSON.stringify(await staffSearch(admin, `${MARKER} 铜管`))).not.toContain(MARKER);
    expect(JSON.stringify(theirs)).not.toContain('每米80元');
  });

  it('lists no passage for a question sharing no word with the documents', async () => {
    expect((await staffSearch(admin, '熊猫爱吃竹笋吗')).filter((i) => i.type === 'passage')).toEqual([]);
  });

  it('lets a visitor find and open a passage on the self-service search, which records a search use', async () => {
    const visitor = await t.startVisitor(shop);
    const res = await t.app.inject({ url: `/api/v1/widget/search?q=${encodeURIComponent(QUESTION)}`, headers: visitor.headers });
    expect(res.statusCode).toBe(200);
    const passage = (res.json().items as SearchItem[]).find((i) => i.type === 'passage');
    expect(passage?.title).toContain('10.2 安装收费标准');
    expect(passage?.link).toContain(`/documents/${documentId}/view?`);
    const click = await t.app.inject({ method: 'POST', url: '/api/v1/widget/search/clicks', headers: visitor.headers, payload: { q: QUESTION, type: 'passage', id: passage!.id } });
    expect(click.statusCode).toBe(204);
    expect((await uses()).map((u) => u.channel)).toContain('search');
    // A passage id the search did not show (another tenant's) is not a result.
    const theirs = (await staffSearch(otherAdmin, QUESTION)).find((i) => i.type === 'passage')!;
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/widget/search/clicks', headers: visitor.headers, payload: { q: QUESTION, type: 'passage', id: theirs.id } });
    expect(foreign.statusCode).toBe(404);
  });

  it('suggests the passage to the agent with its link, and records an assist use when the agent uses it', async () => {
    const chat = await widgetChat(t, shop);
    await chat.say(QUESTION);
    const res = await t.app.inject({ url: `/api/v1/conversations/${chat.conversationId}/assist`, headers: agent.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; kind: string; title: string; body: string; refId: string; link?: string }[];
    const passage = items.find((i) => i.kind === 'passage');
    expect(passage).toMatchObject({ title: '《售后服务手册》第十章 大家电送装服务 › 10.2 安装收费标准' });
    expect(passage!.body).toContain('每米80元');
    expect(passage!.link).toContain(`/documents/${documentId}/view?`);
    expect(JSON.stringify(items)).not.toContain(MARKER);
    const before = (await uses()).filter((u) => u.channel === 'assist').length;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/assist/suggestions/${passage!.id}/used`, headers: agent.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/assist/suggestions/${passage!.id}/used`, headers: agent.headers })).statusCode).toBe(200);
    expect((await uses()).filter((u) => u.channel === 'assist')).toHaveLength(before + 1);
  });

  it('leaves a disabled passage out of both', async () => {
    const passageId = (await staffSearch(admin, QUESTION)).find((i) => i.type === 'passage')!.id;
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/documents/${documentId}/passages/${passageId}`, headers: admin.headers, payload: { enabled: false } });
    expect(off.statusCode).toBe(200);
    expect((await staffSearch(admin, QUESTION)).map((i) => i.id)).not.toContain(passageId);
    const chat = await widgetChat(t, shop);
    await chat.say(QUESTION);
    const assist = await t.app.inject({ url: `/api/v1/conversations/${chat.conversationId}/assist`, headers: agent.headers });
    expect((assist.json().items as { refId: string }[]).map((i) => i.refId)).not.toContain(passageId);
  });
});
