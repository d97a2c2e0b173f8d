import { NLU_ENGINE_REVISION, trainedByCurrentEngine } from '@zhida/nlu';
import { loadTemplate, sharedCommonUtterances } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantProvisioner } from '../tenancy/tenant-provisioner.js';
import { TestApp, TEST_PASSWORD, type StaffSession, type TestTenant } from '../test-support/test-app.js';

describe('the tenant NLU model behind POST /api/v1/nlu/parse', () => {
  let t: TestApp;
  let shop: TestTenant;
  let admin: StaffSession;

  beforeAll(async () => {
    t = await TestApp.start('pglite');
    const tenant = await new TenantProvisioner(t.app.zhida).create({
      slug: 'nlu-shop',
      name: '智能商城',
      template: 'ecommerce',
      users: [{ email: 'admin@nlu-shop.test', name: '管理员', role: 'admin', password: TEST_PASSWORD }],
    });
    shop = { id: tenant.id, slug: tenant.slug, users: { admin: { id: '', email: 'admin@nlu-shop.test' } } } as TestTenant;
    admin = await t.login(shop, 'admin');
    // The first model is trained here, in the hook, so no single test carries its cost.
    await t.as(tenant, () => t.app.zhida.brains.ensureTraining({ tenantId: tenant.id }));
  });
  afterAll(() => t.close());

  const parse = async (text: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/nlu/parse', headers: admin.headers, payload: { text } });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it("installs the common intents with the other templates' examples of them, after the template's own", async () => {
    const ecommerce = await loadTemplate('ecommerce');
    const shared = sharedCommonUtterances(ecommerce.intents, await Promise.all(['finance', 'government', 'telecom'].map(async (id) => (await loadTemplate(id)).intents)));
    const installed = (await t.as(shop, () => t.app.zhida.botConfigs.get({ tenantId: shop.id })))?.intents.intents ?? [];
    for (const own of ecommerce.intents.intents) {
      const extra = shared.find((s) => s.id === own.id)?.utterances ?? [];
      expect(installed.find((i) => i.id === own.id)?.utterances).toEqual([...own.utterances, ...extra]);
    }
    expect(shared.map((s) => s.id)).toEqual(['greeting', 'thanks', 'goodbye', 'human_agent']);
  });

  it('recognises the template intents with entities', async () => {
    const r = await parse('我要退货，订单号20241125883301');
    expect(r.intent.name).toBe('return_request');
    expect(r.entities.some((e: { value: string }) => e.value === '20241125883301')).toBe(true);
  });

  it('flags high-risk complaints and anger', async () => {
    const r = await parse('你们再不给我处理，我就去12315投诉，还要找媒体曝光！');
    expect(r.risk.level).toBe('high');
    expect(r.risk.reasons).toContain('regulator_complaint');
  });

  it('tells a general question from a request about the customer\'s own case (`act`)', async () => {
    const question = await parse('退货运费是谁出');
    expect(question.act.label).toBe('question');
    expect(question.act.confidence).toBeGreaterThan(0.5);
    const request = await parse('我上周买的那双鞋帮我退了');
    expect(request.act.label).toBe('request');
    expect(request.act.confidence).toBeGreaterThan(0.5);
  });

  it('names the intent each FAQ hit reads as, beside the message\'s own intent', async () => {
    const r = await parse('退货运费是谁出');
    expect(r.faq[0].intent).toBe('return_request');
  });

  it('masks PII it finds', async () => {
    const r = await parse('我的手机号是13812345678');
    expect(r.pii[0]).toMatchObject({ type: 'mobile', masked: '138****5678' });
  });

  it('retrains in the background when the FAQ changes, serving the previous model meanwhile', async () => {
    const before = await parse('你们支持数字人民币付款吗');
    const create = await t.app.inject({ method: 'POST', url: '/api/v1/kb/faqs', headers: admin.headers, payload: { question: '支持数字人民币付款吗？', answer: '支持，结算时选择数字人民币即可。', paraphrases: ['能用数字人民币吗'] } });
    expect(create.statusCode).toBe(201);
    const during = await parse('你们支持数字人民币付款吗');
    expect(during.modelVersion).toBe(before.modelVersion);
    await t.as(shop, () => t.app.zhida.brains.ensureTraining({ tenantId: shop.id }));
    const after = await parse('你们支持数字人民币付款吗');
    expect(after.modelVersion).toBeGreaterThan(before.modelVersion);
    expect(after.faq[0].id).toBe(create.json().id);
  });

  it('retrains a model an older engine trained (an upgrade) at catch-up, on the same data', async () => {
    const db = t.app.zhida.database.db;
    const stored = () => t.as(shop, () => db.selectFrom('nlu_models').select(['model', 'data_version', 'trained_at']).where('tenant_id', '=', shop.id).executeTakeFirstOrThrow());
    const before = await stored();
    const { engine, ...older } = before.model as Record<string, unknown>;
    expect(engine).toBe(NLU_ENGINE_REVISION);
    expect(trainedByCurrentEngine(older)).toBe(false);
    await t.as(shop, () => db.updateTable('nlu_models').set({ model: JSON.stringify(older) }).where('tenant_id', '=', shop.id).execute());
    await t.app.zhida.brains.catchUp();
    const after = await stored();
    expect((after.model as { engine?: number }).engine).toBe(NLU_ENGINE_REVISION);
    expect(after.data_version).toBe(before.data_version);
    expect(after.trained_at.getTime()).toBeGreaterThan(before.trained_at.getTime());
  });

  it('rejects empty text', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/nlu/parse', headers: admin.headers, payload: { text: '' } });
    expect(res.statusCode).toBe(400);
  });
});
