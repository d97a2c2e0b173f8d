import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetChat } from '../../test-support/template-tenant.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import type { AssistSuggestionDto } from './assist-suggestion-dto.js';
import { staffedTemplateTenant } from './test-support/agent-desk-fixture.js';

const backends = await testBackends();

describe.each(backends)('agent assist, canned replies and actions (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let agent: StaffSession;
  let admin: StaffSession;
  let supervisor: StaffSession;
  let solvedConversation = '';
  let solvedTicket = '';

  const call = (session: StaffSession, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await TestApp.start(backend, {}, { demoEnterprise: true });
    shop = await staffedTemplateTenant(t, { slug: 'assist-shop', template: 'ecommerce' });
    [agent, admin, supervisor] = await Promise.all([t.login(shop, 'agent'), t.login(shop, 'admin'), t.login(shop, 'supervisor')]);
    // A chat an agent solved: the visitor's words and the agent's answer are the precedent.
    const solved = await widgetChat(t, shop, { name: '李女士' });
    await solved.say('空气炸锅的快递三天了还没到，物流一直不更新');
    await call(agent, 'POST', `/conversations/${solved.conversationId}/messages`, { text: '已为您联系圆通加急派送，今天之内送达，给您添麻烦了。', clientMsgId: 'a-1' });
    await call(agent, 'PATCH', `/conversations/${solved.conversationId}`, { status: 'closed' });
    solvedConversation = solved.conversationId;
    const ticket = await call(agent, 'POST', '/tickets', { description: '空气炸锅的快递物流一直不更新，三天没有动' });
    solvedTicket = ticket.json().id;
    await call(agent, 'POST', `/tickets/${solvedTicket}/replies`, { body: '快递公司已重新派件，请留意电话。' });
    await call(agent, 'PATCH', `/tickets/${solvedTicket}`, { status: 'resolved' });
  });
  afterAll(() => t.close());

  describe('canned replies', () => {
    let tenantWide = '';
    let personal = '';

    it('lets anyone with kb.write add one for everyone, and each agent their own', async () => {
      const shared = await call(admin, 'POST', '/canned-replies', { shortcut: '/refundnote', title: '退款说明', body: '您好{customerName}，订单 {orderNumber} 的退款已提交，我是{agentName}。{coupon}', scope: 'tenant' });
      expect(shared.statusCode).toBe(201);
      expect(shared.json()).toMatchObject({ scope: 'tenant', ownerId: null, shortcut: 'refundnote' });
      tenantWide = shared.json().id;
      const own = await call(agent, 'POST', '/canned-replies', { shortcut: 'refundnote', title: '我的退款话术', body: '亲，退款 1–3 个工作日到账哦' });
      expect(own.statusCode).toBe(201);
      expect(own.json()).toMatchObject({ scope: 'personal', ownerId: shop.users.agent.id });
      personal = own.json().id;
    });

    it('refuses a tenant-wide reply from an agent and a taken shortcut', async () => {
      const refused = await call(agent, 'POST', '/canned-replies', { shortcut: 'hi', title: '问候', body: '您好', scope: 'tenant' });
      expect(refused.statusCode).toBe(403);
      const taken = await call(supervisor, 'POST', '/canned-replies', { shortcut: 'refundnote', title: '重复', body: '重复', scope: 'tenant' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('canned_shortcut_taken');
      const bad = await call(agent, 'POST', '/canned-replies', { shortcut: 'has space', title: 'x', body: 'y' });
      expect(bad.statusCode).toBe(400);
    });

    it("lists the tenant's replies and only the caller's own personal ones", async () => {
      const mine = (await call(agent, 'GET', '/canned-replies')).json().items.map((c: { id: string }) => c.id);
      expect(mine).toEqual(expect.arrayContaining([tenantWide, personal]));
      const theirs = (await call(supervisor, 'GET', '/canned-replies')).json().items.map((c: { id: string }) => c.id);
      expect(theirs).toContain(tenantWide);
      expect(theirs).not.toContain(personal);
    });

    it("keeps another agent's personal reply out of reach and the tenant's behind kb.write", async () => {
      expect((await call(supervisor, 'PATCH', `/canned-replies/${personal}`, { title: '改' })).statusCode).toBe(404);
      expect((await call(supervisor, 'DELETE', `/canned-replies/${personal}`)).statusCode).toBe(404);
      expect((await call(agent, 'PATCH', `/canned-replies/${tenantWide}`, { title: '改' })).statusCode).toBe(403);
      const renamed = await call(agent, 'PATCH', `/canned-replies/${personal}`, { shortcut: 'refundnote2' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().shortcut).toBe('refundnote2');
      expect((await call(agent, 'PATCH', `/canned-replies/${personal}`, {})).statusCode).toBe(400);
    });

    it('fills the variables from the conversation, and leaves the missing and the unknown visible', async () => {
      const chat = await widgetChat(t, shop, { name: '王小明' });
      await chat.say('我要退货');
      await chat.say('20261118883301');
      const rendered = await call(agent, 'GET', `/canned-replies/${tenantWide}/render?conversationId=${chat.conversationId}`);
      expect(rendered.statusCode).toBe(200);
      expect(rendered.json()).toEqual({ text: `您好王小明，订单 20261118883301 的退款已提交，我是agent of ${shop.slug}。{coupon}`, missing: [], unknown: ['coupon'] });
      const bare = await widgetChat(t, shop);
      const partial = await call(agent, 'GET', `/canned-replies/${tenantWide}/render?conversationId=${bare.conversationId}`);
      expect(partial.json().missing).toEqual(['customerName', 'orderNumber']);
      expect(partial.json().text).toContain('{orderNumber}');
      expect((await call(agent, 'GET', `/canned-replies/${tenantWide}/render?conversationId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    });

    it("starts with the template's canned replies, shared by the tenant, their variables filled", async () => {
      const hi = ((await call(agent, 'GET', '/canned-replies')).json().items as { id: string; shortcut: string; scope: string }[]).find((c) => c.shortcut === 'hi');
      expect(hi?.scope).toBe('tenant');
      const chat = await widgetChat(t, shop, { name: '赵先生' });
      const rendered = await call(agent, 'GET', `/canned-replies/${hi!.id}/render?conversationId=${chat.conversationId}`);
      expect(rendered.json()).toMatchObject({ missing: [], unknown: [] });
      expect(rendered.json().text).toContain('赵先生');
      expect(rendered.json().text).toContain(`agent of ${shop.slug}`);
    });

    it('deletes the caller’s own reply', async () => {
      expect((await call(agent, 'DELETE', `/canned-replies/${personal}`)).statusCode).toBe(204);
      expect((await call(agent, 'GET', '/canned-replies')).json().items.map((c: { id: string }) => c.id)).not.toContain(personal);
    });
  });

  describe('suggestions', () => {
    let chat: Awaited<ReturnType<typeof widgetChat>>;
    let items: AssistSuggestionDto[] = [];

    beforeAll(async () => {
      await call(admin, 'POST', '/canned-replies', { shortcut: 'urgeship', title: '催促物流', body: '已为您催促快递公司尽快派送，物流更新后会第一时间通知您。', scope: 'tenant' });
      chat = await widgetChat(t, shop);
      await chat.say('我的快递三天都没动了，物流一直不更新');
      const res = await call(agent, 'GET', `/conversations/${chat.conversationId}/assist`);
      expect(res.statusCode).toBe(200);
      items = res.json().items;
    });

    it('answers from the knowledge base first', () => {
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(8);
      // An empathy line may come first (a stuck parcel reads as anxious); the answers follow it.
      const answers = items.filter((i) => i.kind !== 'empathy');
      expect(answers[0]!.kind).toBe('faq');
      expect(answers.slice(0, 3).some((i) => /物流|快递/.test(i.title))).toBe(true);
    });

    it('shows the solved conversation and the resolved ticket that resemble the message, with what answered them', () => {
      expect(items.find((i) => i.kind === 'similar_conversation')).toMatchObject({ refId: solvedConversation, body: '已为您联系圆通加急派送，今天之内送达，给您添麻烦了。' });
      expect(items.find((i) => i.kind === 'similar_ticket')).toMatchObject({ refId: solvedTicket, body: '快递公司已重新派件，请留意电话。' });
    });

    it('offers the matching canned reply', () => {
      expect(items.filter((i) => i.kind === 'canned').map((i) => i.title)).toContain('/urgeship 催促物流');
    });

    it('stores every shown item, and records when one is used', async () => {
      const rows = await t.system(() => t.app.zhida.database.db.selectFrom('assist_suggestions' as never).selectAll().where('conversation_id' as never, '=', chat.conversationId as never).execute());
      expect(rows).toHaveLength(items.length);
      const used = await call(agent, 'POST', `/assist/suggestions/${items[0]!.id}/used`);
      expect(used.statusCode).toBe(200);
      const again = await call(agent, 'POST', `/assist/suggestions/${items[0]!.id}/used`);
      expect(again.json().usedAt).toBe(used.json().usedAt);
      expect((await call(agent, 'POST', `/assist/suggestions/${crypto.randomUUID()}/used`)).statusCode).toBe(404);
    });

    it('adds an empathy line for an angry customer, first', async () => {
      const angry = await widgetChat(t, shop);
      await angry.say('你们太垃圾了！！快递几天都不动，气死我了');
      const res = await call(agent, 'GET', `/conversations/${angry.conversationId}/assist`);
      const first = res.json().items[0] as AssistSuggestionDto;
      expect(first.kind).toBe('empathy');
      expect(first.body).toMatch(/抱歉/);
    });

    it('answers a chosen visitor message, and 404 for a message that is not one of its visitor messages', async () => {
      const messages = (await call(agent, 'GET', `/conversations/${chat.conversationId}/messages`)).json().items as { id: string; senderType: string }[];
      const visitorMessage = messages.find((m) => m.senderType === 'visitor')!;
      const botMessage = messages.find((m) => m.senderType === 'bot')!;
      expect((await call(agent, 'GET', `/conversations/${chat.conversationId}/assist?messageId=${visitorMessage.id}`)).statusCode).toBe(200);
      expect((await call(agent, 'GET', `/conversations/${chat.conversationId}/assist?messageId=${botMessage.id}`)).statusCode).toBe(404);
      expect((await call(agent, 'GET', `/conversations/${solvedConversation}/assist?messageId=${visitorMessage.id}`)).statusCode).toBe(404);
    });

    it('feeds the / menu with canned replies by shortcut, then FAQs', async () => {
      const byShortcut = (await call(agent, 'GET', `/assist/search?q=${encodeURIComponent('/ur')}`)).json().items;
      expect(byShortcut.slice(0, 2).map((i: { shortcut: string }) => i.shortcut)).toEqual(['urge', 'urgeship']);
      const byWords = (await call(agent, 'GET', `/assist/search?q=${encodeURIComponent('退货运费')}`)).json().items;
      expect(byWords.some((i: { kind: string }) => i.kind === 'faq')).toBe(true);
      expect((await call(agent, 'GET', '/assist/search?q=')).statusCode).toBe(400);
    });
  });

  describe('actions for the customer', () => {
    it("lists the actions of the tenant's flows with their args", async () => {
      const chat = await widgetChat(t, shop);
      const res = await call(agent, 'GET', `/conversations/${chat.conversationId}/actions`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { name: string; usedBy: string[]; args: { properties?: Record<string, unknown> } }[];
      const get = items.find((a) => a.name === 'orders.get');
      expect(get?.args.properties).toHaveProperty('orderId');
      expect(get?.usedBy).toContain('退货申请');
      expect(items.map((a) => a.name)).not.toContain('accounts.getBalance');
    });

    it('runs one through the executor for the visitor and writes the audit log', async () => {
      const chat = await widgetChat(t, shop);
      const res = await call(agent, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'orders.get', args: { orderId: '20261118883301' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, data: { orderId: '20261118883301', status: 'delivered' } });
      const refused = await call(agent, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'orders.get', args: { orderId: '20990101000000' } });
      expect(refused.json()).toMatchObject({ ok: false, error: { code: 'order_not_found' } });
      const audit = await t.system(() =>
        t.app.zhida.database.db.selectFrom('audit_log').select(['action', 'object_id', 'actor_id', 'detail']).where('action', '=', 'conversation.agent_action').where('object_id', '=', chat.conversationId).execute(),
      );
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({ actor_id: shop.users.agent.id });
    });

    it('answers 400 for bad args and 404 for an action the tenant does not have', async () => {
      const chat = await widgetChat(t, shop);
      const bad = await call(agent, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'orders.get', args: { orderId: 'abc' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('invalid_args');
      expect((await call(agent, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'accounts.getBalance', args: {} })).statusCode).toBe(404);
      expect((await call(agent, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'drop tables', args: {} })).statusCode).toBe(400);
    });

    it('needs conversations.reply', async () => {
      const analyst = await t.login(shop, 'analyst');
      const chat = await widgetChat(t, shop);
      expect((await call(analyst, 'POST', `/conversations/${chat.conversationId}/actions`, { name: 'orders.get', args: { orderId: '20261118883301' } })).statusCode).toBe(403);
      expect((await call(analyst, 'GET', `/conversations/${chat.conversationId}/assist`)).statusCode).toBe(403);
    });
  });
});
