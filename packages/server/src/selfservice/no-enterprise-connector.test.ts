import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTemplateTenant, widgetChat } from '../test-support/template-tenant.js';
import { testBackends } from '../test-support/test-backends.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { RecordingSms } from './test-support/selfservice-fixture.js';

const backends = await testBackends();

// A deployment without ZHIDA_ENTERPRISE_URL: the product holds no orders, accounts or bookings of its own,
// so a self-service task cannot be done — and the bot must say exactly that, not "busy", not "no such order".
describe.each(backends)('a tenant with no enterprise connector configured (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let bank: TestTenant;
  const gateway = new RecordingSms();

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { sms: gateway });
    shop = await provisionTemplateTenant(t, { slug: `no-erp-shop-${backend}`, name: '无对接商城', template: 'ecommerce' });
    bank = await provisionTemplateTenant(t, { slug: `no-erp-bank-${backend}`, name: '无对接银行', template: 'finance' });
  });
  afterAll(() => t?.close());

  it('says plainly that a return cannot be done online and offers a human or a ticket, never a made-up answer', async () => {
    const chat = await widgetChat(t, shop);
    expect(await chat.sayText('我要退货')).toContain('订单号');
    const replies = await chat.say('20261118883301');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('暂不支持在线办理');
    expect(text).not.toMatch(/没有查到|繁忙|RMA/);
    expect(replies.flatMap((r) => r.quickReplies)).toEqual(expect.arrayContaining(['转人工', '提交工单']));
    // The task is dropped, not left waiting: the next message is read afresh, and the ticket offered is a real one
    // (tickets are Zhida's own, so they work without any enterprise system).
    expect(await chat.sayText('提交工单')).toContain('提交一个工单');
    expect(await chat.sayText('是的')).toContain('描述');
    expect(await chat.sayText('订单20261118883301的手机屏幕有划痕，想退货')).toMatch(/已为您提交工单 GD\d{12}/);
  });

  it('hands the visitor to a human when they take the offer', async () => {
    const chat = await widgetChat(t, shop);
    await chat.say('我的快递到哪了');
    const lookup = await chat.say('20261124883304');
    expect(lookup.map((r) => r.text).join('\n')).toContain('暂不支持在线办理');
    const human = await chat.say('转人工');
    expect(human.some((r) => r.meta.kind === 'handoff')).toBe(true);
  });

  it("tells the agent in the context panel that no enterprise system is connected, not that it is down", async () => {
    const desk = await t.createTenant(`no-erp-desk-${backend}`);
    const chat = await widgetChat(t, desk);
    await chat.say('转人工');
    const agent = await t.login(desk, 'agent');
    const res = await t.app.inject({ url: `/api/v1/conversations/${chat.conversationId}/context`, headers: agent.headers });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { customer: { records: { kind: string; title: string }[] } }).customer.records).toEqual([
      { kind: 'unavailable', title: '未接入企业系统，没有可读取的客户记录', fields: {} },
    ]);
  });

  it('stops an identity check at the lookup, before any SMS code is sent', async () => {
    const chat = await widgetChat(t, bank);
    await chat.say('我的卡丢了');
    const replies = await chat.say('13800138000');
    expect(replies.map((r) => r.text).join('\n')).toContain('暂不支持在线办理');
    expect(gateway.sent).toHaveLength(0);
  });
});
