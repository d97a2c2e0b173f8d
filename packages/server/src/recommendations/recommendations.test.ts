import { loadTemplate } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botConfigFromTemplate } from '../bot/bot-config.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';

const backends = await testBackends();
const SECRET = 'recommend-identity-secret';

type Rec = { impressionId: string | null; strategy: string; items: { id: string; intent: string; label: string; utterance: string; reason: string }[] };

describe.each(backends)('猜你想办 recommendations and experiments (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let admin: StaffSession;
  let analyst: StaffSession;
  let experimentId: string;

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    shop = await t.createTenant('rec-shop', '推荐商城');
    await t.as(shop, async () => {
      await t.app.zhida.botConfigs.put({ tenantId: shop.id }, botConfigFromTemplate(await loadTemplate('ecommerce')));
      await t.app.zhida.brains.ensureTraining({ tenantId: shop.id });
      // Loaded now, so reading a page title never waits on the brain's first build.
      await t.app.zhida.brains.get({ tenantId: shop.id });
    });
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', SECRET);
    admin = await t.login(shop, 'admin');
    analyst = await t.login(shop, 'analyst');
  }, 600_000);
  afterAll(() => t.close());

  const recommend = async (visitor: { headers: Record<string, string> }, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/widget/recommendations${query}`, headers: visitor.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Rec;
  };
  const shopper = () => t.startVisitor(shop, { userId: 'shopper-001', userHash: identityHash(SECRET, 'shopper-001') });
  const setWeights = async (weights: Record<string, number>) => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/recommendations/experiments/${experimentId}`, headers: admin.headers, payload: { weights } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('creates the default experiment (personalised vs popular, 50/50) on the first request', async () => {
    const first = await recommend(await t.startVisitor(shop));
    expect(first.items.length).toBeGreaterThan(0);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/recommendations/experiments', headers: analyst.headers });
    expect(list.statusCode).toBe(200);
    const [experiment] = list.json().items;
    experimentId = experiment.id;
    expect(experiment).toMatchObject({ status: 'running', name: '个性化推荐 vs 热门推荐' });
    expect(experiment.variants.map((v: { key: string; weight: number }) => [v.key, v.weight])).toEqual([
      ['personalised', 50],
      ['popular', 50],
    ]);
  });

  it("recommends from the verified customer's records: the late parcel first, with the reason", async () => {
    await setWeights({ personalised: 100, popular: 0 });
    const rec = await recommend(await shopper());
    expect(rec.strategy).toBe('personalised');
    expect(rec.items[0]).toMatchObject({ intent: 'logistics_delay', label: '物流查询', utterance: '我的快递到哪了' });
    expect(rec.items[0]!.reason).toContain('20261124883304');
    // The unpaid TV, the unshipped shoes and the refund under way come next, not the catalogue's order.
    const intents = rec.items.map((i) => i.intent);
    expect(intents).toContain('refund_status');
    expect(rec.items).toHaveLength(4);
  });

  it('keeps a subject in its arm: the same customer on a new visitor gets the same strategy after weights change', async () => {
    await setWeights({ personalised: 0, popular: 100 });
    expect((await recommend(await shopper())).strategy).toBe('personalised');
    expect((await recommend(await t.startVisitor(shop))).strategy).toBe('popular');
  });

  it("an anonymous visitor gets the page's services in the personalised arm", async () => {
    await setWeights({ personalised: 100, popular: 0 });
    const rec = await recommend(await t.startVisitor(shop), `?page=${encodeURIComponent('/invoice/apply 申请发票')}&locale=en&limit=3`);
    expect(rec.items[0]).toMatchObject({ intent: 'invoice_request', label: 'Request an invoice', reason: 'Related to this page' });
    expect(rec.items).toHaveLength(3);
  });

  it("reads a page's title with the tenant's NLU: 我的包裹 names no catalogue word, yet means 物流查询", async () => {
    const rec = await recommend(await t.startVisitor(shop), `?page=${encodeURIComponent('/user/parcel 我的包裹')}`);
    expect(rec.items[0]).toMatchObject({ intent: 'logistics_delay', label: '物流查询', reason: '与当前页面相关' });
    // A title the model is unsure of (a home page) adds nothing: the list is the popular one.
    const home = await recommend(await t.startVisitor(shop), `?page=${encodeURIComponent('/ 首页')}`);
    expect(home.items.every((i) => i.reason !== '与当前页面相关')).toBe(true);
  });

  it('after a task completes, offers other services, not the one just done', async () => {
    const visitor = await shopper();
    const say = async (text: string, id: string) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`, headers: visitor.headers, payload: { text, clientMsgId: id } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().replies as { meta: { kind: string } }[];
    };
    await say('查一下我的订单', 'a1');
    const replies = await say('20261118883301', 'a2');
    expect(replies.map((r) => r.meta.kind)).toContain('completed');
    const rec = await recommend(visitor, `?moment=after_task&conversationId=${visitor.conversationId}`);
    expect(rec.items.map((i) => i.intent)).not.toContain('order_status');
    expect(rec.items[0]!.intent).toBe('logistics_delay');
  });

  it('records one click per list; counts exposures and clicks per arm with Wilson intervals', async () => {
    const visitor = await shopper();
    const rec = await recommend(visitor);
    const click = (impressionId: string, itemId: string, headers = visitor.headers) => t.app.inject({ method: 'POST', url: `/api/v1/widget/recommendations/${impressionId}/click`, headers, payload: { itemId } });
    const first = await click(rec.impressionId!, rec.items[1]!.id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ first: true, intent: rec.items[1]!.intent });
    expect((await click(rec.impressionId!, rec.items[0]!.id)).json()).toMatchObject({ first: false });
    const unknown = await click(rec.impressionId!, 'complaint');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_item');
    // Another visitor cannot click someone else's list.
    const stranger = await t.startVisitor(shop);
    expect((await click(rec.impressionId!, rec.items[0]!.id, stranger.headers)).statusCode).toBe(404);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/recommendations/experiments/${experimentId}`, headers: analyst.headers });
    const experiment = res.json();
    const personalised = experiment.variants.find((v: { key: string }) => v.key === 'personalised');
    expect(personalised.clicks).toBe(1);
    expect(personalised.exposures).toBeGreaterThanOrEqual(5);
    expect(personalised.ctr).toBeCloseTo(1 / personalised.exposures, 10);
    expect(personalised.ctrInterval.low).toBeLessThan(personalised.ctr);
    expect(personalised.ctrInterval.high).toBeGreaterThan(personalised.ctr);
    expect(experiment.comparison).toMatchObject({ treatment: 'personalised', control: 'popular' });
  });

  it('answers bad input with 4xx JSON, and analysts only read', async () => {
    const visitor = await t.startVisitor(shop);
    for (const query of ['?moment=later', '?limit=0', '?limit=7', '?conversationId=nope', '?extra=1', `?page=${'x'.repeat(501)}`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/widget/recommendations${query}`, headers: visitor.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    const someoneElses = await t.startVisitor(shop);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/widget/recommendations?conversationId=${someoneElses.conversationId}`, headers: visitor.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/widget/recommendations/${someoneElses.conversationId}/click`, headers: visitor.headers, payload: {} })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/widget/recommendations' })).statusCode).toBe(401);

    const patch = (payload: Record<string, unknown>, headers = admin.headers) => t.app.inject({ method: 'PATCH', url: `/api/v1/recommendations/experiments/${experimentId}`, headers, payload });
    expect((await patch({ status: 'stopped' }, analyst.headers)).statusCode).toBe(403);
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ weights: { nobody: 10 } })).json().error.code).toBe('unknown_variant');
    expect((await patch({ weights: { personalised: 0, popular: 0 } })).statusCode).toBe(400);
    expect((await patch({ rolloutVariant: 'nobody' })).statusCode).toBe(400);
    const create = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/recommendations/experiments', headers: admin.headers, payload });
    expect((await create({ name: 'x', variants: [{ key: 'a', strategy: 'popular', weight: 1 }] })).statusCode).toBe(400);
    expect((await create({ name: 'x', variants: [{ key: 'a', strategy: 'magic', weight: 1 }, { key: 'b', strategy: 'popular', weight: 1 }] })).statusCode).toBe(400);
    const running = await create({ name: '再测一次', variants: [{ key: 'a', strategy: 'personalised', weight: 1 }, { key: 'b', strategy: 'popular', weight: 1 }] });
    expect(running.statusCode).toBe(409);
    expect(running.json().error.code).toBe('experiment_running');
  });

  it('stops with a rollout: everyone then gets the winning strategy and a new experiment can start', async () => {
    const stopped = await t.app.inject({ method: 'PATCH', url: `/api/v1/recommendations/experiments/${experimentId}`, headers: admin.headers, payload: { status: 'stopped', rolloutVariant: 'popular' } });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'stopped', rolloutVariant: 'popular' });
    const rec = await recommend(await shopper());
    expect(rec.strategy).toBe('popular');
    const again = await t.app.inject({ method: 'PATCH', url: `/api/v1/recommendations/experiments/${experimentId}`, headers: admin.headers, payload: { status: 'stopped' } });
    expect(again.statusCode).toBe(409);
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/recommendations/experiments',
      headers: admin.headers,
      payload: { name: '第二轮', variants: [{ key: 'personal', strategy: 'personalised', weight: 80 }, { key: 'control', strategy: 'popular', weight: 20 }] },
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().variants.every((v: { exposures: number }) => v.exposures === 0)).toBe(true);
  });
});
