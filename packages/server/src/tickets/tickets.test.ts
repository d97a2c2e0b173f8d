import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';
import type { CustomerTicketDto, TicketDto, TicketEventDto, TicketSummaryDto } from './ticket-dto.js';
import { provisionTicketSetup } from './ticket-provisioning.js';
import { ticketDatabase } from './ticket-schema.js';

const backends = await testBackends();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082', 'hex');
const SECRET = 'ticket-identity-secret';
type Visitor = { conversationId: string; headers: Record<string, string> };
type Category = { id: string; key: string; name: string };

async function ticketTenant(t: TestApp, slug: string): Promise<{ tenant: TestTenant; categories: Map<string, Category>; groups: Map<string, string> }> {
  const tenant = await t.createTenant(slug);
  const template = await loadTemplate('ecommerce');
  const db = ticketDatabase(t.app.zhida.database.db);
  await t.as(tenant, async () => {
    await provisionTicketSetup(t.app.zhida.database.db, tenant.id, template.ticketCategories);
    const afterSales = await db.selectFrom('agent_groups').select('id').where('tenant_id', '=', tenant.id).where('name', '=', '售后服务部').executeTakeFirstOrThrow();
    await db.insertInto('agent_group_members').values({ tenant_id: tenant.id, group_id: afterSales.id, user_id: tenant.users.agent.id }).execute();
  });
  const rows = await t.as(tenant, () => db.selectFrom('ticket_categories').select(['id', 'key', 'name']).where('tenant_id', '=', tenant.id).execute());
  const groups = await t.as(tenant, () => db.selectFrom('agent_groups').select(['id', 'name']).where('tenant_id', '=', tenant.id).execute());
  return { tenant, categories: new Map(rows.map((r) => [r.key, r])), groups: new Map(groups.map((g) => [g.name, g.id])) };
}

describe.each(backends)('tickets through the API (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let categories: Map<string, Category>;
  let groups: Map<string, string>;
  let agent: StaffSession;
  let admin: StaffSession;
  let visitor: Visitor;

  const inject = (opts: { method: 'GET' | 'POST' | 'PATCH'; url: string; headers: Record<string, string>; payload?: unknown }) => t.app.inject({ ...opts, url: `/api/v1${opts.url}` } as never);
  const fileTicket = async (who: Visitor, body: Record<string, unknown>) => {
    const res = await inject({ method: 'POST', url: '/widget/tickets', headers: who.headers, payload: { categoryId: categories.get('return_exchange')!.id, contact: { phone: '13800001234' }, ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CustomerTicketDto;
  };
  const staffTicket = async (id: string, session = agent) => (await inject({ method: 'GET', url: `/tickets/${id}`, headers: session.headers })).json() as TicketDto;
  const queue = async (query: string, session = agent) => {
    const res = await inject({ method: 'GET', url: `/tickets?${query}`, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: TicketSummaryDto[]; nextCursor: string | null; total: number };
  };
  const customerView = async (id: string, who = visitor) => (await inject({ method: 'GET', url: `/widget/tickets/${id}`, headers: who.headers })).json() as CustomerTicketDto;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    ({ tenant: shop, categories, groups } = await ticketTenant(t, 'ticket-shop'));
    ({ tenant: other } = await ticketTenant(t, 'ticket-other'));
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', SECRET);
    agent = await t.login(shop, 'agent');
    admin = await t.login(shop, 'admin');
    visitor = await t.startVisitor(shop);
  });
  afterAll(() => t.close());

  describe('filing from the widget', () => {
    it('files a ticket with an image, routes it to the category group and lists it in that group’s queue', async () => {
      const filed = await fileTicket(visitor, {
        description: '耳机左边没有声音，想换一个新的',
        conversationId: visitor.conversationId,
        attachments: [{ filename: '照片.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }],
      });
      expect(filed.number).toMatch(/^GD\d{12}$/);
      expect(filed.status).toBe('new');
      expect(filed.subject).toBe('退换货：耳机左边没有声音，想换一个新的');
      expect(filed.timeline.map((e) => e.text)).toEqual(['工单已提交', '已派单至售后服务部']);
      expect(filed.timeline[0]!.attachments).toHaveLength(1);

      const ticket = await staffTicket(filed.id);
      expect(ticket.group).toEqual({ id: groups.get('售后服务部'), name: '售后服务部' });
      expect(ticket.needsTriage).toBe(false);
      expect(ticket.priority).toBe('P3');
      expect(ticket.channel).toBe('widget');
      expect(ticket.conversationId).toBe(visitor.conversationId);
      expect(ticket.attachments).toEqual([expect.objectContaining({ filename: '照片.png', contentType: 'image/png', size: PNG.length })]);
      expect((await queue('queue=my_groups')).items.map((i) => i.id)).toContain(filed.id);
      // The analyst belongs to no group.
      expect((await queue('queue=my_groups', await t.login(shop, 'analyst'))).items.map((i) => i.id)).not.toContain(filed.id);

      const download = await inject({ method: 'GET', url: `/tickets/${filed.id}/attachments/${ticket.attachments[0]!.id}`, headers: agent.headers });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; /);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.rawPayload.equals(PNG)).toBe(true);
      const own = await inject({ method: 'GET', url: `/widget/tickets/${filed.id}/attachments/${ticket.attachments[0]!.id}`, headers: visitor.headers });
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-disposition']).toMatch(/^attachment; /);

      const events = (await inject({ method: 'GET', url: `/tickets/${filed.id}/events`, headers: agent.headers })).json().items as TicketEventDto[];
      expect(events.map((e) => e.type).slice(0, 3)).toEqual(['created', 'classified', 'routed']);
      expect(events.find((e) => e.type === 'routed')!.data).toMatchObject({ groupId: groups.get('售后服务部'), groupName: '售后服务部' });
    });

    it('a chosen category sets the priority; the text raises it only by anger or risk, not by the category the classifier guessed', async () => {
      // The text reads as a lost parcel (P1) but the customer chose 退换货 (P3).
      const neutral = await fileTicket(visitor, { description: '快递显示已签收，但是我根本没有收到包裹，签收人也不认识，想办理退货退款，麻烦帮忙看一下怎么处理，谢谢' });
      expect((await staffTicket(neutral.id)).priority).toBe('P3');
      const angry = await fileTicket(visitor, { description: '气死我了！！买的鞋子尺码小了想换大一码，你们拖了一个礼拜都不给换，什么破店，垃圾！' });
      const events = (await inject({ method: 'GET', url: `/tickets/${angry.id}/events`, headers: agent.headers })).json().items as TicketEventDto[];
      expect(events.find((e) => e.type === 'classified')!.data).toMatchObject({ emotion: 'anger' });
      expect((await staffTicket(angry.id)).priority).toBe('P2');
    });

    it('refuses a wrong file type, a file over 5 MB and a fourth file with a 400 and a code', async () => {
      const send = (attachments: unknown[]) => inject({ method: 'POST', url: '/widget/tickets', headers: visitor.headers, payload: { categoryId: categories.get('return_exchange')!.id, description: '附件测试', attachments } });
      const exe = await send([{ filename: '发票.png', contentType: 'image/png', dataBase64: Buffer.from('MZ\x90\x00 not an image').toString('base64') }]);
      expect(exe.statusCode).toBe(400);
      expect(exe.json().error.code).toBe('attachment_type_not_allowed');
      expect(exe.json().error.message).toContain('只能上传图片');
      const big = Buffer.alloc(5 * 1024 * 1024 + 1);
      PNG.copy(big);
      const tooLarge = await send([{ filename: '大图.png', contentType: 'image/png', dataBase64: big.toString('base64') }]);
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.json().error.code).toBe('attachment_too_large');
      const file = { filename: 'a.png', contentType: 'image/png', dataBase64: PNG.toString('base64') };
      const four = await send([file, file, file, file]);
      expect(four.statusCode).toBe(400);
      expect(four.json().error.code).toBe('too_many_attachments');
      const mismatch = await send([{ ...file, contentType: 'application/pdf' }]);
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().error.code).toBe('attachment_type_mismatch');
    });

    it('keeps HTML as text: stored and returned verbatim to staff and customer', async () => {
      const html = '<img src=x onerror="alert(1)"><b>屏幕</b> & 划痕';
      const filed = await fileTicket(visitor, { description: html });
      expect(filed.description).toBe(html);
      expect((await staffTicket(filed.id)).description).toBe(html);
      const reply = await inject({ method: 'POST', url: `/tickets/${filed.id}/replies`, headers: agent.headers, payload: { body: '<script>x()</script>已处理' } });
      expect(reply.json().body).toBe('<script>x()</script>已处理');
      expect((await customerView(filed.id)).timeline.map((e) => e.text)).toContain('客服回复：<script>x()</script>已处理');
    });

    it('validates the category’s fields', async () => {
      const category = await inject({
        method: 'POST',
        url: '/ticket-categories',
        headers: admin.headers,
        payload: { key: 'order_dispute', name: '订单争议', fields: [{ key: 'order_no', label: '订单号', type: 'order_number', required: true }] },
      });
      expect(category.statusCode, category.body).toBe(201);
      const id = category.json().id as string;
      const missing = await inject({ method: 'POST', url: '/widget/tickets', headers: visitor.headers, payload: { categoryId: id, description: '订单被取消' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toContain('订单号');
      const ok = await fileTicket(visitor, { categoryId: id, description: '订单被取消', fields: { order_no: 'E20261206001' } });
      expect((await staffTicket(ok.id)).fields).toEqual({ order_no: 'E20261206001' });
      const unknown = await inject({ method: 'POST', url: '/widget/tickets', headers: visitor.headers, payload: { categoryId: id, description: 'x', fields: { order_no: 'E20261206001', color: 'red' } } });
      expect(unknown.statusCode).toBe(400);
      expect((await inject({ method: 'POST', url: '/ticket-categories', headers: agent.headers, payload: { key: 'x_y', name: 'x' } })).statusCode).toBe(403);
    });
  });

  describe('the conversation between staff and customer', () => {
    it('a public reply reaches the customer and moves new to open; an internal note never does', async () => {
      const filed = await fileTicket(visitor, { description: '快递显示签收但我没收到' });
      const note = await inject({ method: 'POST', url: `/tickets/${filed.id}/replies`, headers: agent.headers, payload: { body: '内部：查一下快递员', internal: true } });
      expect(note.statusCode).toBe(201);
      expect((await staffTicket(filed.id)).status).toBe('new');
      const reply = await inject({ method: 'POST', url: `/tickets/${filed.id}/replies`, headers: agent.headers, payload: { body: '已联系快递，明天回复您' } });
      expect(reply.statusCode).toBe(201);
      expect(reply.json()).toMatchObject({ type: 'reply', public: true, actorType: 'agent', actorName: 'agent of ticket-shop' });
      expect((await staffTicket(filed.id)).status).toBe('open');
      const seen = await customerView(filed.id);
      expect(seen.status).toBe('open');
      expect(seen.timeline.map((e) => e.text)).toContain('客服回复：已联系快递，明天回复您');
      expect(JSON.stringify(seen)).not.toContain('查一下快递员');
    });

    it('walks pending_customer → open → resolved → confirmed (closed), and reopens only within 7 days', async () => {
      const filed = await fileTicket(visitor, { description: '退货退款一直没到账' });
      const patch = (status: string) => inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { status } });
      expect((await patch('pending_customer')).json().status).toBe('pending_customer');
      expect((await customerView(filed.id)).statusText).toBe('待您补充信息');
      const info = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/replies`, headers: visitor.headers, payload: { body: '订单号是 E123456' } });
      expect(info.statusCode, info.body).toBe(200);
      expect(info.json().status).toBe('open');
      const transitions = ((await inject({ method: 'GET', url: `/tickets/${filed.id}/events`, headers: agent.headers })).json().items as TicketEventDto[])
        .filter((e) => e.type === 'status_changed')
        .map((e) => e.data);
      expect(transitions).toEqual([{ from: 'new', to: 'pending_customer' }, { from: 'pending_customer', to: 'open' }]);

      await patch('resolved');
      let seen = await customerView(filed.id);
      expect(seen).toMatchObject({ status: 'resolved', canConfirm: true, canReopen: true });
      expect(seen.timeline.at(-1)!.text).toBe('已解决，请确认');
      const reopened = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/reopen`, headers: visitor.headers });
      expect(reopened.json().status).toBe('open');

      await patch('resolved');
      const confirmed = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/confirm`, headers: visitor.headers });
      expect(confirmed.statusCode).toBe(200);
      seen = confirmed.json();
      expect(seen).toMatchObject({ status: 'closed', canConfirm: false, canAddInfo: false, expectation: null });
      expect(seen.timeline.at(-1)!.text).toBe('已关闭');
      expect((await staffTicket(filed.id)).closedAt).not.toBeNull();
      expect((await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/confirm`, headers: visitor.headers })).statusCode).toBe(409);

      // Eight days after the resolution the window has passed.
      await t.system(() => ticketDatabase(t.app.zhida.database.db).updateTable('tickets').set({ status: 'resolved', closed_at: null, resolved_at: new Date(Date.now() - 8 * 86_400_000) }).where('id', '=', filed.id).execute());
      expect((await customerView(filed.id)).canReopen).toBe(false);
      const late = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/reopen`, headers: visitor.headers });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('reopen_window_passed');
      const lateReply = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/replies`, headers: visitor.headers, payload: { body: '还是不行' } });
      expect(lateReply.json().error.code).toBe('reopen_window_passed');
    });

    it('a customer reply within 7 days reopens a resolved ticket', async () => {
      const filed = await fileTicket(visitor, { description: '换货寄错了颜色' });
      await inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { status: 'resolved' } });
      const res = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/replies`, headers: visitor.headers, payload: { body: '还是寄错了' } });
      expect(res.json().status).toBe('open');
      expect(res.json().timeline.map((e: { text: string }) => e.text)).toContain('工单已重新打开');
    });

    it('a ticket reopened while its assignee is off duty goes to a colleague on duty in its group', async () => {
      const filed = await fileTicket(visitor, { description: '退回的耳机还是有杂音' });
      expect((await staffTicket(filed.id)).assignee?.id).toBe(shop.users.agent.id);
      await inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { status: 'resolved' } });
      const db = ticketDatabase(t.app.zhida.database.db);
      const afterSales = groups.get('售后服务部')!;
      expect((await inject({ method: 'PUT', url: '/agent-groups/me/duty', headers: agent.headers, payload: { onDuty: false } } as never)).statusCode).toBe(200);
      await t.as(shop, () => db.insertInto('agent_group_members').values({ tenant_id: shop.id, group_id: afterSales, user_id: shop.users.admin.id }).execute());
      try {
        const reopened = await inject({ method: 'POST', url: `/widget/tickets/${filed.id}/reopen`, headers: visitor.headers });
        expect(reopened.statusCode, reopened.body).toBe(200);
        const ticket = await staffTicket(filed.id, admin);
        expect(ticket).toMatchObject({ status: 'open', assignee: { id: shop.users.admin.id } });
        const events = (await inject({ method: 'GET', url: `/tickets/${filed.id}/events`, headers: admin.headers })).json().items as TicketEventDto[];
        expect(events.at(-1)).toMatchObject({ type: 'assigned', data: { assigneeId: shop.users.admin.id, fromAssigneeId: shop.users.agent.id, reason: 'assignee_off_duty' } });
      } finally {
        await t.as(shop, () => db.deleteFrom('agent_group_members').where('tenant_id', '=', shop.id).where('user_id', '=', shop.users.admin.id).execute());
        await inject({ method: 'PUT', url: '/agent-groups/me/duty', headers: agent.headers, payload: { onDuty: true } } as never);
      }
    });
  });

  describe('staff operations', () => {
    // A fresh visitor: one person files only so many tickets a minute.
    beforeAll(async () => {
      visitor = await t.startVisitor(shop, {}, '10.3.0.1');
    });

    it('merges a duplicate into another ticket: the source is closed and points at the target, both have events', async () => {
      const a = await fileTicket(visitor, { description: '重复工单 A 耳机' });
      const b = await fileTicket(visitor, { description: '重复工单 B 耳机' });
      const res = await inject({ method: 'POST', url: `/tickets/${a.id}/merge`, headers: agent.headers, payload: { intoTicketId: b.id } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().id).toBe(b.id);
      const source = await staffTicket(a.id);
      expect(source).toMatchObject({ status: 'closed', mergedIntoId: b.id });
      const typesOf = async (id: string) => ((await inject({ method: 'GET', url: `/tickets/${id}/events`, headers: agent.headers })).json().items as TicketEventDto[]).map((e) => e.type);
      expect(await typesOf(a.id)).toContain('merged');
      expect(await typesOf(b.id)).toContain('merged_from');
      expect((await customerView(a.id)).timeline.at(-1)?.text ?? '').toContain(b.number);
      expect((await inject({ method: 'POST', url: `/tickets/${b.id}/merge`, headers: agent.headers, payload: { intoTicketId: b.id } })).statusCode).toBe(400);
    });

    it('bulk-updates up to 100 tickets of the tenant, and refuses any foreign id', async () => {
      const a = await fileTicket(visitor, { description: '批量 一' });
      const b = await fileTicket(visitor, { description: '批量 二' });
      const res = await inject({ method: 'POST', url: '/tickets/bulk', headers: agent.headers, payload: { ids: [a.id, b.id], patch: { priority: 'P1' } } });
      expect(res.json()).toEqual({ updated: 2 });
      expect((await staffTicket(a.id)).priority).toBe('P1');
      expect((await staffTicket(b.id)).priority).toBe('P1');
      const foreign = await inject({ method: 'POST', url: '/tickets/bulk', headers: agent.headers, payload: { ids: [a.id, crypto.randomUUID()], patch: { priority: 'P4' } } });
      expect(foreign.statusCode).toBe(404);
      expect((await staffTicket(a.id)).priority).toBe('P1');
      const tooMany = await inject({ method: 'POST', url: '/tickets/bulk', headers: agent.headers, payload: { ids: Array.from({ length: 101 }, () => crypto.randomUUID()), patch: { priority: 'P4' } } });
      expect(tooMany.statusCode).toBe(400);
    });

    it('an agent’s category change moves the ticket and becomes a training example', async () => {
      const filed = await fileTicket(visitor, { description: '发票抬头开错了' });
      const res = await inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { categoryId: categories.get('invoice')!.id } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().category.key).toBe('invoice');
      expect(res.json().classification.source).toBe('agent');
      const examples = await t.as(shop, () => ticketDatabase(t.app.zhida.database.db).selectFrom('ticket_training_examples').selectAll().where('ticket_id', '=', filed.id).execute());
      expect(examples.map((e) => e.category_key)).toEqual(['invoice']);
      const foreignAssignee = await inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { assigneeId: other.users.agent.id } });
      expect(foreignAssignee.statusCode).toBe(404);
    });

    it('finds tickets by number, phone and Chinese words, with a total and keyset pages', async () => {
      const filed = await fileTicket(visitor, { description: '洗衣机滚筒漏水严重', contact: { phone: '139 1234 5678' } });
      const byNumber = await queue(`q=${filed.number}`);
      expect(byNumber.items.map((i) => i.id)).toEqual([filed.id]);
      expect((await queue('q=13912345678')).items.map((i) => i.id)).toEqual([filed.id]);
      expect((await queue(`q=${encodeURIComponent('滚筒漏水')}`)).items.map((i) => i.id)).toEqual([filed.id]);
      expect((await queue(`q=${encodeURIComponent('冰箱漏水')}`)).items).toEqual([]);

      await fileTicket(visitor, { description: '翻页用的工单一' });
      await fileTicket(visitor, { description: '翻页用的工单二' });
      const first = await queue('queue=all&limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.total).toBeGreaterThan(2);
      const second = await queue(`queue=all&limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
      expect(second.total).toBe(first.total);
      expect((await inject({ method: 'GET', url: '/tickets?cursor=nope', headers: agent.headers })).json().error.code).toBe('invalid_cursor');
    });

    it('lists tickets near their deadline in due_soon and late ones in breached', async () => {
      const soon = await fileTicket(visitor, { description: '快到期的工单' });
      const late = await fileTicket(visitor, { description: '已超时的工单' });
      const db = ticketDatabase(t.app.zhida.database.db);
      // Rigged as the SLA job would leave them.
      await t.system(() => db.updateTable('tickets').set({ escalation_at: new Date(Date.now() + 60 * 60_000) }).where('id', '=', soon.id).execute());
      await t.system(() => db.updateTable('tickets').set({ breached: true, escalation_at: null }).where('id', '=', late.id).execute());
      const dueSoon = (await queue('queue=due_soon')).items.map((i) => i.id);
      const breached = (await queue('queue=breached')).items;
      expect(dueSoon).toContain(soon.id);
      expect(dueSoon).not.toContain(late.id);
      expect(breached.map((i) => i.id)).toContain(late.id);
      expect(breached.map((i) => i.id)).not.toContain(soon.id);
      expect(breached.every((i) => i.breached)).toBe(true);
    });

    it("a queue page's nextDeadline is each ticket's own nearest open clock (running, paused and met tickets alike)", async () => {
      const running = await fileTicket(visitor, { description: '页面时钟：处理中的工单' });
      const paused = await fileTicket(visitor, { description: '页面时钟：等待客户补充的工单' });
      const resolved = await fileTicket(visitor, { description: '页面时钟：已解决的工单' });
      const patch = (id: string, status: string) => inject({ method: 'PATCH', url: `/tickets/${id}`, headers: agent.headers, payload: { status } });
      expect((await patch(paused.id, 'pending_customer')).statusCode).toBe(200);
      expect((await patch(resolved.id, 'resolved')).statusCode).toBe(200);
      const page = await queue('queue=all&limit=100');
      const ids = [running.id, paused.id, resolved.id];
      expect(page.items.map((i) => i.id)).toEqual(expect.arrayContaining(ids));
      const nearest = (clocks: TicketDto['sla']['clocks']) =>
        clocks.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'breached').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
      const states: (string | null)[] = [];
      for (const item of page.items) {
        const single = await staffTicket(item.id);
        // The same instant is asked of both (the page's businessMinutesLeft may differ by the minute passed between the two requests).
        const own = nearest(single.sla.clocks);
        expect(item.nextDeadline === null, item.id).toBe(own === null);
        if (own && item.nextDeadline) {
          expect({ ...item.nextDeadline, dueAt: item.nextDeadline.state === 'paused' ? '' : item.nextDeadline.dueAt, businessMinutesLeft: 0 }).toEqual({
            ...own,
            dueAt: own.state === 'paused' ? '' : own.dueAt,
            businessMinutesLeft: 0,
          });
          expect(Math.abs((item.nextDeadline.businessMinutesLeft ?? 0) - (own.businessMinutesLeft ?? 0))).toBeLessThanOrEqual(2);
        }
        if (ids.includes(item.id)) states.push(item.nextDeadline?.state ?? null);
      }
      expect(states).toEqual(expect.arrayContaining(['running', 'paused']));
    });

    it('concurrent writes to one ticket each get their own event, in a gap-free sequence', async () => {
      const filed = await fileTicket(visitor, { description: '并发回复测试' });
      const results = await Promise.all([
        ...Array.from({ length: 4 }, (_, i) => inject({ method: 'POST', url: `/tickets/${filed.id}/replies`, headers: agent.headers, payload: { body: `回复 ${i}` } })),
        inject({ method: 'PATCH', url: `/tickets/${filed.id}`, headers: agent.headers, payload: { priority: 'P2' } }),
        inject({ method: 'POST', url: `/widget/tickets/${filed.id}/replies`, headers: visitor.headers, payload: { body: '顾客补充' } }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201, 201, 201, 201]);
      const events = (await inject({ method: 'GET', url: `/tickets/${filed.id}/events`, headers: agent.headers })).json().items as TicketEventDto[];
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'reply')).toHaveLength(4);
      expect(events.filter((e) => e.type === 'status_changed')).toEqual([expect.objectContaining({ data: { from: 'new', to: 'open' } })]);
    });

    it('a ticket with no group waits in triage until staff route it', async () => {
      const res = await inject({ method: 'POST', url: '/tickets', headers: agent.headers, payload: { description: '没有分类的问题', contact: { name: '王先生' } } });
      expect(res.statusCode, res.body).toBe(201);
      const ticket = res.json() as TicketDto;
      expect(ticket).toMatchObject({ group: null, needsTriage: true, channel: 'console' });
      expect((await queue('queue=triage')).items.map((i) => i.id)).toContain(ticket.id);
      const routed = await inject({ method: 'PATCH', url: `/tickets/${ticket.id}`, headers: agent.headers, payload: { groupId: groups.get('售后服务部') } });
      expect(routed.json()).toMatchObject({ needsTriage: false, group: { name: '售后服务部' } });
      expect((await queue('queue=triage')).items.map((i) => i.id)).not.toContain(ticket.id);
    });
  });

  describe('who sees what', () => {
    beforeAll(async () => {
      visitor = await t.startVisitor(shop, {}, '10.4.0.1');
    });

    it('another tenant’s ticket and another visitor’s ticket are 404', async () => {
      const mine = await fileTicket(visitor, { description: '只属于我的工单' });
      const stranger = await t.startVisitor(shop, {}, '10.9.9.9');
      expect((await inject({ method: 'GET', url: `/widget/tickets/${mine.id}`, headers: stranger.headers })).statusCode).toBe(404);
      expect((await inject({ method: 'POST', url: `/widget/tickets/${mine.id}/replies`, headers: stranger.headers, payload: { body: 'x' } })).statusCode).toBe(404);
      expect((await inject({ method: 'GET', url: '/widget/tickets', headers: stranger.headers })).json().items).toEqual([]);
      const otherAdmin = await t.login(other, 'admin');
      expect((await inject({ method: 'GET', url: `/tickets/${mine.id}`, headers: otherAdmin.headers })).statusCode).toBe(404);
      expect((await inject({ method: 'PATCH', url: `/tickets/${mine.id}`, headers: otherAdmin.headers, payload: { status: 'closed' } })).statusCode).toBe(404);
      expect((await queue('queue=all', otherAdmin)).items.map((i) => i.id)).not.toContain(mine.id);
      // A visitor may not link someone else's conversation.
      const linked = await inject({ method: 'POST', url: '/widget/tickets', headers: stranger.headers, payload: { categoryId: categories.get('invoice')!.id, description: 'x', conversationId: visitor.conversationId } });
      expect(linked.statusCode).toBe(404);
    });

    it('a verified visitor sees their tickets across conversations', async () => {
      const identity = { userId: 'member-42', userHash: identityHash(SECRET, 'member-42') };
      const monday = await t.startVisitor(shop, identity, '10.2.0.1');
      const filed = await fileTicket(monday, { description: '会员积分没到账', conversationId: monday.conversationId });
      const tuesday = await t.startVisitor(shop, identity, '10.2.0.2');
      const list = await inject({ method: 'GET', url: '/widget/tickets', headers: tuesday.headers });
      expect(list.json().items.map((i: CustomerTicketDto) => i.id)).toEqual([filed.id]);
      expect((await customerView(filed.id, tuesday)).number).toBe(filed.number);
      expect((await staffTicket(filed.id)).customerRef).toBe('member-42');
      const anonymous = await t.startVisitor(shop, {}, '10.2.0.3');
      expect((await inject({ method: 'GET', url: `/widget/tickets/${filed.id}`, headers: anonymous.headers })).statusCode).toBe(404);
    });

    it('documents every ticket route in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, unknown> };
      for (const path of ['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/bulk', '/api/v1/ticket-categories', '/api/v1/widget/tickets', '/api/v1/widget/tickets/{id}/reopen']) expect(Object.keys(doc.paths)).toContain(path);
    });

    it('the widget lists the active categories', async () => {
      const res = await inject({ method: 'GET', url: '/widget/ticket-categories', headers: visitor.headers });
      expect(res.json().items.map((c: Category) => c.key)).toContain('return_exchange');
      // The template's fields come with the category: the form asks for the order number and the wanted outcome.
      const returns = res.json().items.find((c: Category) => c.key === 'return_exchange') as { fields: { key: string; type: string; options?: string[] }[] };
      expect(returns.fields.map((f) => f.key)).toEqual(['order_no', 'want']);
      expect(returns.fields[1]!.options).toContain('换货');
    });
  });
});

describe('a ticket acknowledged with 201 survives a restart', () => {
  for (const backend of backends) {
    it(`on ${backend}`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'zhida-tickets-'));
      try {
        const first = await TestApp.start(backend, backend === 'pglite' ? { dataDir } : {});
        const { tenant } = await ticketTenant(first, 'ticket-restart');
        const visitor = await first.startVisitor(tenant);
        const categoryId = (await first.app.inject({ method: 'GET', url: '/api/v1/widget/ticket-categories', headers: visitor.headers })).json().items[0].id;
        const res = await first.app.inject({ method: 'POST', url: '/api/v1/widget/tickets', headers: visitor.headers, payload: { categoryId, description: '重启前提交的工单' } });
        expect(res.statusCode).toBe(201);
        const filed = res.json() as CustomerTicketDto;
        await first.closeShared();
        const second = await TestApp.startSharing(first);
        try {
          const seen = await second.app.inject({ method: 'GET', url: `/api/v1/widget/tickets/${filed.id}`, headers: visitor.headers });
          expect(seen.statusCode).toBe(200);
          expect(seen.json()).toMatchObject({ number: filed.number, description: '重启前提交的工单' });
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      // Two boots with migrations on a file-backed database: slow on a loaded machine.
    }, 300_000);
  }
});
