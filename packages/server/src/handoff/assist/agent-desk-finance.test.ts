import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSelfServiceDb } from '../../selfservice/self-service-db.js';
import { widgetChat } from '../../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import type { ConversationContext } from '../context/conversation-context-dto.js';
import { staffedTemplateTenant } from './test-support/agent-desk-fixture.js';

const backends = await testBackends();

describe.each(backends)('the agent desk of a bank: records and actions after the customer proved who they are (%s)', (backend) => {
  let t: TestApp;
  let bank: TestTenant;
  let agent: StaffSession;
  let chat: Awaited<ReturnType<typeof widgetChat>>;

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    bank = await staffedTemplateTenant(t, { slug: 'desk-bank', template: 'finance' });
    agent = await t.login(bank, 'agent');
    chat = await widgetChat(t, bank);
    await chat.say('查一下余额');
  });
  afterAll(() => t.close());

  const balance = () => t.app.inject({ method: 'POST', url: `/api/v1/conversations/${chat.conversationId}/actions`, headers: agent.headers, payload: { name: 'accounts.getBalance', args: { customerId: 'C10001' } } });
  const context = async () => (await t.app.inject({ url: `/api/v1/conversations/${chat.conversationId}/context`, headers: agent.headers })).json() as ConversationContext;

  it('refuses an account action for a customer this conversation has not verified, as the bot would', async () => {
    const res = await balance();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'not_verified' } });
    expect((await context()).customer.records).toEqual([]);
  });

  it("shows the customer's accounts and cards, and runs the action, once the conversation passed the OTP check", async () => {
    // What identity.verifyOtp stores when the customer types the right code in this conversation.
    await t.system(() =>
      asSelfServiceDb(t.app.zhida.database.db)
        .insertInto('selfservice_verifications')
        .values({ id: crypto.randomUUID(), tenant_id: bank.id, conversation_id: chat.conversationId, customer_id: 'C10001', mobile: '13800138000', verified_at: new Date() })
        .execute(),
    );
    const records = (await context()).customer.records;
    expect(records).toContainEqual({ kind: 'customer', title: '张伟', fields: { 客户号: 'C10001', 手机: '13800138000' } });
    expect(records.filter((r) => r.kind === 'card').map((r) => r.title).sort()).toEqual(['信用卡 尾号 4321', '借记卡 尾号 6688']);
    expect(records.find((r) => r.kind === 'account')?.fields).toMatchObject({ 可用余额: '¥25,680.50' });
    expect(records.some((r) => r.title.includes('C10002') || r.title === '李娜')).toBe(false);
    const res = await balance();
    expect(res.json()).toMatchObject({ ok: true, data: { accountLast4: '6688' } });
  });

  it("never shows that customer's records in another conversation", async () => {
    const other = await widgetChat(t, bank);
    const res = await t.app.inject({ url: `/api/v1/conversations/${other.conversationId}/context`, headers: agent.headers });
    expect((res.json() as ConversationContext).customer.records).toEqual([]);
  });
});
