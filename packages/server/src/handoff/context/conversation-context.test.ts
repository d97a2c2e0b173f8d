import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPER_ID } from '@zhida/demo-enterprise';
import { widgetChat } from '../../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { identityHash } from '../../widget/identity-verifier.js';
import { staffedTemplateTenant } from '../assist/test-support/agent-desk-fixture.js';
import { MAX_CONTEXT_MESSAGES } from './conversation-context-builder.js';
import type { ConversationContext } from './conversation-context-dto.js';

const backends = await testBackends();
const SECRET = 'context-identity-secret';

describe.each(backends)('the agent context of a conversation (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let agent: StaffSession;
  let returnChat: Awaited<ReturnType<typeof widgetChat>>;
  let ticketNumber = '';

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    shop = await staffedTemplateTenant(t, { slug: 'ctx-shop', template: 'ecommerce', identitySecret: SECRET });
    other = await t.createTenant('ctx-other');
    agent = await t.login(shop, 'agent');
    returnChat = await widgetChat(t, shop, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET, DEMO_SHOPPER_ID), name: '王小明' });
    await returnChat.say('我要退货');
    await returnChat.say('20261118883301');
    await returnChat.say('质量问题');
    await returnChat.say('你们再不处理我就打12315投诉你们');
    const ticket = await t.as(shop, () =>
      t.app.zhida.tickets.service.create(shop.id, { channel: 'api', description: '上次的耳机还没退款', customerRef: DEMO_SHOPPER_ID }, { type: 'api', id: null }),
    );
    ticketNumber = ticket.number;
  });
  afterAll(() => t.close());

  const context = async (conversationId: string, session = agent) => {
    const res = await t.app.inject({ url: `/api/v1/conversations/${conversationId}/context`, headers: session.headers });
    return { status: res.statusCode, body: res.json() as ConversationContext };
  };

  it('tells the agent what the customer wants, why the bot handed over, and in one line', async () => {
    const { status, body } = await context(returnChat.conversationId);
    expect(status).toBe(200);
    expect(body.understanding).toMatchObject({ intent: 'return_request', intentLabel: '申请退货', flowId: 'ecommerce.return', handoffReason: 'high_risk', locale: 'zh-CN' });
    expect(body.understanding.slots).toMatchObject({ orderId: '20261118883301' });
    expect(body.understanding.risk.level).toBe('high');
    expect(body.understanding.risk.reasons).toContain('regulator_complaint');
    // One entry per visitor message, the angry last one last.
    const visitorSeqs = body.messages.filter((m) => m.senderType === 'visitor').map((m) => m.seq);
    expect(body.understanding.emotions.map((e) => e.seq)).toEqual(visitorSeqs);
    expect(body.understanding.emotions.at(-1)!.label).toBe('anger');
    expect(body.summary).toContain('客户申请退货 订单号 20261118883301');
    expect(body.summary).toContain('退货原因：商品质量问题');
    expect(body.summary).toContain('因提到 12315 转人工');
  });

  it('shows the verified customer with their orders and their tickets', async () => {
    const { body } = await context(returnChat.conversationId);
    expect(body.customer).toMatchObject({ name: '王小明', verified: true, externalId: DEMO_SHOPPER_ID });
    const order = body.customer.records.find((r) => r.title === '订单 20261118883301');
    expect(order?.kind).toBe('order');
    expect(order?.fields).toMatchObject({ 状态: '已签收' });
    expect(body.customer.tickets.map((tk) => tk.number)).toContain(ticketNumber);
  });

  it('carries the whole transcript, staff-only notes included', async () => {
    await t.system(() =>
      t.app.zhida.database.db
        .updateTable('messages')
        .set({ internal: true })
        .where('conversation_id', '=', returnChat.conversationId)
        .where('seq', '=', 1)
        .execute(),
    );
    const { body } = await context(returnChat.conversationId);
    expect(body.messages.map((m) => m.seq)).toEqual(body.messages.map((_, i) => i + 1));
    expect(body.messages[0]!.internal).toBe(true);
    expect(body.messages.some((m) => m.senderType === 'visitor' && m.text === '20261118883301')).toBe(true);
  });

  it('shows an anonymous visitor none of the demo customer records and says honestly when little is known', async () => {
    const chat = await widgetChat(t, shop, { userId: DEMO_SHOPPER_ID });
    await chat.say('转人工');
    const { body } = await context(chat.conversationId);
    expect(body.customer.verified).toBe(false);
    expect(body.customer.records).toEqual([]);
    expect(body.customer.tickets).toEqual([]);
    expect(body.understanding.handoffReason).toBe('user_request');
    expect(body.summary).toContain('未说明原因');
  });

  it('reads the handoff request of the queue, with its group', async () => {
    const group = await t.as(shop, () => t.app.zhida.routing.groups.create({ tenantId: shop.id }, { name: '售后组' }));
    await t.system(() =>
      t.app.zhida.database.db
        .insertInto('handoff_requests' as never)
        .values({ id: crypto.randomUUID(), tenant_id: shop.id, conversation_id: returnChat.conversationId, group_id: group.id, reason: 'high_risk', priority: 0, status: 'queued', transfer_note: null } as never)
        .execute(),
    );
    const { body } = await context(returnChat.conversationId);
    expect(body.handoff).toMatchObject({ status: 'queued', reason: 'high_risk', priority: 0, groupId: group.id, groupName: '售后组', assignedTo: null });
  });

  it('keeps only the latest messages of a very long conversation', async () => {
    const chat = await widgetChat(t, shop);
    const db = t.app.zhida.database.db;
    await t.system(async () => {
      const rows = Array.from({ length: MAX_CONTEXT_MESSAGES + 20 }, (_, i) => ({
        id: crypto.randomUUID(), tenant_id: shop.id, conversation_id: chat.conversationId, seq: 1000 + i, sender_type: 'visitor' as const,
        sender_id: null, sender_name: null, text: `消息 ${i}`, client_msg_id: `bulk-${i}`, quick_replies: '[]', meta: '{}',
      }));
      await db.insertInto('messages').values(rows as never).execute();
    });
    const { body } = await context(chat.conversationId);
    expect(body.messages).toHaveLength(MAX_CONTEXT_MESSAGES);
    expect(body.messages.at(-1)!.text).toBe(`消息 ${MAX_CONTEXT_MESSAGES + 19}`);
  });

  it("answers 404 for another tenant's conversation and for an unknown id", async () => {
    const otherAdmin = await t.login(other, 'admin');
    expect((await context(returnChat.conversationId, otherAdmin)).status).toBe(404);
    expect((await context(crypto.randomUUID())).status).toBe(404);
    const bad = await t.app.inject({ url: '/api/v1/conversations/not-a-uuid/context', headers: agent.headers });
    expect(bad.statusCode).toBe(400);
  });
});
