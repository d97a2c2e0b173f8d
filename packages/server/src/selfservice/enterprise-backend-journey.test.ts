import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTryThis } from '@zhida/demo-enterprise';
import { startDemoEnterprise, type RunningDemoEnterprise } from '../test-support/demo-enterprise-service.js';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { testBackends } from '../test-support/test-backends.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { RecordingSms } from './test-support/selfservice-fixture.js';

const backends = await testBackends();
const orders = demoTryThis.ecommerce;

// The ecommerce template's flows, the real NLU and the demo enterprise as its own HTTP service — the path a customer's CRM takes.
describe.each(backends)('a shop whose orders live in the enterprise backend, over signed HTTP (%s)', (backend) => {
  let demo: RunningDemoEnterprise;
  let t: TestApp;
  let shop: TestTenant;

  beforeAll(async () => {
    demo = await startDemoEnterprise();
    t = await TestApp.start(backend, { enterpriseBackend: demo.backend });
    // No demoEnterprise seeding: the product database holds no orders for this shop.
    shop = await provisionTemplateTenant(t, { slug: `http-shop-${backend}`, name: '示例商城', template: 'ecommerce' });
  });
  afterAll(async () => {
    await t?.close();
    await demo?.stop();
  });

  it('finds the order and files the return in the enterprise, not in the product database', async () => {
    const chat = await widgetChat(t, shop);
    expect(await chat.sayText('我要退货')).toContain('订单号');
    expect(await chat.sayText(orders.returnable)).toContain('原因');
    expect(await chat.sayText('尺码不合适')).toContain('寄回');
    expect(await chat.sayText('上门取件')).toContain('华为 Mate 60');
    expect(await chat.sayText('确认')).toMatch(/退货申请已提交，RMA 号 RMA\d{12}/);
    // Filed in the enterprise's books (the product database has no table for it).
    expect(demo.books(shop.id).afterSales.map((r) => r.orderNo)).toContain(orders.returnable);
    // The enterprise remembers it: a second return of the same order is refused there.
    const again = await widgetChat(t, shop);
    await again.say('我要退货');
    await again.say(orders.returnable);
    await again.say('尺码不合适');
    await again.say('上门取件');
    expect(await again.sayText('确认')).toContain('已提交过退货申请');
  });

  it('says the system is busy and offers a human when the enterprise goes down mid-flow, without hanging', async () => {
    const chat = await widgetChat(t, shop);
    await chat.say('我要退货');
    await chat.say(orders.cosmetics);
    await chat.say('质量问题');
    expect(await chat.sayText('自行寄回')).toContain('面霜');
    await demo.stop();
    const replies = await chat.say('确认');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('系统繁忙');
    expect(text).toContain('转人工');
    expect(replies.flatMap((r) => r.quickReplies)).toContain('转人工');
    // A lookup while it is down is "busy", never "no such order".
    const next = await widgetChat(t, shop);
    await next.say('我的快递到哪了');
    const lookup = await next.say(orders.delayedShipment);
    expect(lookup.map((r) => r.text).join('\n')).toContain('系统暂时繁忙');
    expect(lookup.map((r) => r.text).join('\n')).not.toContain('没有查到');
    expect(lookup.flatMap((r) => r.quickReplies)).toContain('转人工');
    // Bounded by the client (3 s timeout, 2 retries, circuit breaker), far inside this test's limit: nothing hangs.
  }, 60_000);
});

// The bank (finance template) on the demo enterprise: identity lookup and transfers over signed HTTP, and the service gone mid-flow.
describe.each(backends)('a bank whose customers and transfers live in the enterprise backend (%s)', (backend) => {
  let demo: RunningDemoEnterprise;
  let t: TestApp;
  let bank: TestTenant;
  const gateway = new RecordingSms();

  beforeAll(async () => {
    demo = await startDemoEnterprise();
    t = await TestApp.start(backend, { enterpriseBackend: demo.backend }, { sms: gateway });
    // No demoEnterprise seeding: the product database holds no bank customers, cards or transfers.
    bank = await provisionTemplateTenant(t, { slug: `http-bank-${backend}`, name: '示例银行', template: 'finance' });
  });
  afterAll(async () => {
    await t?.close();
    await demo?.stop();
  });

  it('finds the transfer in the enterprise, then says the system is busy and offers a human when it goes down mid-flow', async () => {
    const found = await widgetChat(t, bank);
    expect(await found.sayText('我要查一笔转账记录')).toContain('手机号');
    expect(await found.sayText(demoTryThis.finance.mobile)).toContain('验证码已发送');
    await found.say(gateway.lastCode());
    expect(await found.sayText('今天')).toContain('金额');
    expect(await found.sayText('12000')).toMatch(/¥12,000\.00.*处理中/s);

    const chat = await widgetChat(t, bank);
    await chat.say('帮我查一下昨天那笔转账');
    await chat.say(demoTryThis.finance.mobile);
    await chat.say(gateway.lastCode());
    expect(await chat.sayText('昨天')).toContain('金额');
    await demo.stop();
    const replies = await chat.say('500');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('系统暂时繁忙');
    expect(text).not.toContain('没有查到');
    expect(replies.flatMap((r) => r.quickReplies)).toContain('转人工');
    // Bounded by the client (3 s timeout, 2 retries, circuit breaker), far inside this test's limit: nothing hangs.
  }, 60_000);
});

// The government hall (government template) on the demo enterprise: materials asked for in the chat, the upload
// filed there over signed HTTP, and an upload while the service is down kept, not lost.
describe('a government hall whose applications live in the enterprise backend', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  let demo: RunningDemoEnterprise;
  let t: TestApp;
  let hall: TestTenant;

  beforeAll(async () => {
    demo = await startDemoEnterprise();
    t = await TestApp.start('pglite', { enterpriseBackend: demo.backend });
    hall = await provisionTemplateTenant(t, { slug: 'http-hall', name: '政务服务示例', template: 'government' });
  });
  afterAll(async () => {
    await t?.close();
    await demo?.stop();
  });

  it('files an upload under the application the chat asked about, and keeps an upload made while the hall is down', async () => {
    const chat = await widgetChat(t, hall);
    await chat.say('材料怎么提交');
    expect(await chat.sayText(demoTryThis.government.pendingMaterials)).toContain('房屋租赁合同');
    const upload = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/widget/conversations/${chat.conversationId}/attachments`,
        headers: chat.headers,
        payload: { filename: '租房合同.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') },
      });
    const filed = await upload();
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ filename: '租房合同.pdf', applicationRef: demoTryThis.government.pendingMaterials });
    const progress = await widgetChat(t, hall);
    await progress.say('查一下办件进度');
    expect(await progress.sayText(demoTryThis.government.pendingMaterials)).toContain('材料已提交，待审核');

    await demo.stop();
    const kept = await upload();
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json()).toMatchObject({ filename: '租房合同.pdf', applicationRef: null });
  }, 60_000);
});
