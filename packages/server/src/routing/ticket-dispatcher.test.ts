import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents, type DomainEventMap } from '../events/domain-events.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { RoutingFixtures } from './test-support/routing-fixtures.js';
import { TicketDispatcher } from './ticket-dispatcher.js';

const backends = await testBackends();

describe.each(backends)('ticket dispatcher (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let fx: RoutingFixtures;
  let events: DomainEvents;
  let changed: DomainEventMap['ticket.changed'][];
  let dispatcher: TicketDispatcher;
  const now = new Date('2026-12-07T02:00:00Z');

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('routing-shop');
    other = await t.createTenant('routing-other');
    fx = new RoutingFixtures(t.app.zhida.database.db, tenant.id);
    events = new DomainEvents();
    changed = [];
    events.on('ticket.changed', (e) => changed.push(e));
    dispatcher = new TicketDispatcher(t.app.zhida.database.db, events);
  });
  afterAll(() => t.close());

  const route = (input: { categoryId?: string | null; categoryKey?: string | null; text?: string; customerTier?: string | null }, tenantId = tenant.id) =>
    t.as({ id: tenantId }, () =>
      dispatcher.route(ticketDatabase(t.app.zhida.database.db), tenantId, { categoryId: null, categoryKey: null, text: '', customerTier: null, ...input }),
    );

  describe('route', () => {
    let afterSales: string;
    let vip: string;
    let complaints: string;
    let billing: string;
    let refundCategory: string;
    let invoiceCategory: string;

    beforeAll(async () => {
      afterSales = await fx.group('售后组');
      vip = await fx.group('VIP 组');
      complaints = await fx.group('投诉组');
      billing = await fx.group('财务组');
      refundCategory = await fx.category('refund', afterSales);
      invoiceCategory = await fx.category('invoice', billing);
      await fx.category('other');
      await fx.rule(complaints, { position: 1, keywords: ['投诉', '12315'], priority: 'P1' });
      await fx.rule(vip, { position: 2, customerTiers: ['vip'], categoryKeys: ['refund'] });
      await fx.rule(afterSales, { position: 0, keywords: ['退货'], active: false });
    });

    it('takes the first matching active rule by position, with its priority', async () => {
      expect(await route({ categoryId: refundCategory, text: '再不退款我就打12315投訴', customerTier: 'vip' })).toEqual({ groupId: complaints, priority: 'P1', ruleId: expect.any(String) });
      const vipDecision = await route({ categoryId: refundCategory, text: '退款还没到账', customerTier: 'VIP' });
      expect(vipDecision?.groupId).toBe(vip);
      expect(vipDecision?.priority).toBeNull();
    });

    it("uses the category's key when only its id is given, and the key when only the key is", async () => {
      expect((await route({ categoryId: refundCategory, customerTier: 'vip' }))?.groupId).toBe(vip);
      expect((await route({ categoryKey: 'refund', customerTier: 'vip' }))?.groupId).toBe(vip);
    });

    it("falls back to the category's default group when no rule matches", async () => {
      expect(await route({ categoryId: refundCategory, text: '退货', customerTier: 'normal' })).toEqual({ groupId: afterSales, priority: null, ruleId: null });
      expect(await route({ categoryKey: 'invoice', text: '发票抬头错了' })).toEqual({ groupId: billing, priority: null, ruleId: null });
      expect(invoiceCategory).toBeTruthy();
    });

    it('returns null (triage) without a rule or a default group', async () => {
      expect(await route({ categoryKey: 'other', text: '随便问问' })).toBeNull();
      expect(await route({ text: '随便问问' })).toBeNull();
    });

    it("never applies another tenant's rules or categories", async () => {
      expect(await route({ categoryId: refundCategory, text: '我要投诉', customerTier: 'vip' }, other.id)).toBeNull();
    });
  });

  describe('assign', () => {
    it('gives the ticket to the least-loaded on-duty member and records it', async () => {
      const group = await fx.group('分配组 1');
      const busy = await fx.agent('忙碌的客服');
      const free = await fx.agent('空闲的客服');
      const away = await fx.agent('休息的客服');
      await fx.member(group, busy, { maxOpenTickets: 5 });
      await fx.member(group, free, { maxOpenTickets: 5 });
      await fx.member(group, away, { maxOpenTickets: 5, onDuty: false });
      await fx.ticket({ groupId: group, assigneeId: busy, status: 'open' });
      await fx.ticket({ groupId: group, assigneeId: busy, status: 'pending_customer' });
      await fx.ticket({ groupId: group, assigneeId: free, status: 'resolved' }); // not open: no load
      const ticket = await fx.ticket({ groupId: group });
      changed.length = 0;

      expect(await dispatcher.assign(tenant.id, ticket, now)).toBe(free);

      expect(await fx.assigneeOf(ticket)).toBe(free);
      const [event] = await fx.events(ticket);
      expect(event).toMatchObject({ type: 'assigned', actor_type: 'system', public: false, seq: 1, data: { assigneeId: free, assigneeName: '空闲的客服', groupId: group } });
      expect(changed).toEqual([{ tenantId: tenant.id, ticketId: ticket, visitorId: null, customerRef: null, eventType: 'assigned' }]);
    });

    it('takes turns among equally loaded members', async () => {
      const group = await fx.group('轮流组');
      const agents = [await fx.agent('甲'), await fx.agent('乙'), await fx.agent('丙')];
      for (const a of agents) await fx.member(group, a, { maxOpenTickets: 10 });
      const picked: string[] = [];
      for (let i = 0; i < 6; i++) {
        const ticket = await fx.ticket({ groupId: group });
        picked.push((await dispatcher.assign(tenant.id, ticket, new Date(now.getTime() + i * 1000)))!);
      }
      expect(new Set(picked.slice(0, 3))).toEqual(new Set(agents));
      expect(picked.slice(3)).toEqual(picked.slice(0, 3));
    });

    it('leaves the ticket waiting when every member is full, off duty or deactivated', async () => {
      const group = await fx.group('满员组');
      const full = await fx.agent('满了');
      const off = await fx.agent('下班了');
      const gone = await fx.agent('离职了', { active: false });
      await fx.member(group, full, { maxOpenTickets: 1 });
      await fx.member(group, off, { onDuty: false });
      await fx.member(group, gone);
      await fx.ticket({ groupId: group, assigneeId: full });
      const ticket = await fx.ticket({ groupId: group });
      changed.length = 0;

      expect(await dispatcher.assign(tenant.id, ticket, now)).toBeNull();

      expect(await fx.assigneeOf(ticket)).toBeNull();
      expect(await fx.events(ticket)).toEqual([]);
      expect(changed).toEqual([]);
    });

    it("counts a member's open tickets in all their groups against each group's limit", async () => {
      const first = await fx.group('两组之一');
      const second = await fx.group('两组之二');
      const shared = await fx.agent('两边都在');
      await fx.member(first, shared, { maxOpenTickets: 2 });
      await fx.member(second, shared, { maxOpenTickets: 3 });
      await fx.ticket({ groupId: first, assigneeId: shared });
      await fx.ticket({ groupId: first, assigneeId: shared });

      expect(await dispatcher.assign(tenant.id, await fx.ticket({ groupId: first }), now)).toBeNull();
      expect(await dispatcher.assign(tenant.id, await fx.ticket({ groupId: second }), now)).toBe(shared);
      expect(await dispatcher.assign(tenant.id, await fx.ticket({ groupId: second }), now)).toBeNull();
    });

    it('skips tickets that are assigned, closed, resolved, without a group, or unknown', async () => {
      const group = await fx.group('跳过组');
      const agent = await fx.agent('值班');
      const someoneElse = await fx.agent('已经有人');
      await fx.member(group, agent);
      const assigned = await fx.ticket({ groupId: group, assigneeId: someoneElse });
      const closed = await fx.ticket({ groupId: group, status: 'closed' });
      const resolved = await fx.ticket({ groupId: group, status: 'resolved' });
      const triage = await fx.ticket({ groupId: null });

      for (const id of [assigned, closed, resolved, triage]) expect(await dispatcher.assign(tenant.id, id, now)).toBeNull();
      expect(await dispatcher.assign(tenant.id, '00000000-0000-4000-8000-000000000000', now)).toBeNull();
      expect(await fx.assigneeOf(assigned)).toBe(someoneElse);
      expect(await fx.assigneeOf(closed)).toBeNull();
      expect(await fx.events(assigned)).toEqual([]);
    });

    it("cannot assign another tenant's ticket", async () => {
      const group = await fx.group('隔离组');
      const agent = await fx.agent('隔离客服');
      await fx.member(group, agent);
      const ticket = await fx.ticket({ groupId: group });

      expect(await dispatcher.assign(other.id, ticket, now)).toBeNull();
      expect(await fx.assigneeOf(ticket)).toBeNull();
    });
  });

  describe('reassignIfUnavailable (a reopened ticket)', () => {
    it('leaves the ticket with its assignee while they are on duty and, counting it, within their limit', async () => {
      const group = await fx.group('重开组 1');
      const owner = await fx.agent('原处理人');
      const colleague = await fx.agent('空闲同事');
      await fx.member(group, owner, { maxOpenTickets: 2 });
      await fx.member(group, colleague);
      await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });
      const ticket = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });
      changed.length = 0;

      expect(await dispatcher.reassignIfUnavailable(tenant.id, ticket, now)).toBe(owner);

      expect(await fx.assigneeOf(ticket)).toBe(owner);
      expect(await fx.events(ticket)).toEqual([]);
      expect(changed).toEqual([]);
    });

    it('routes it again to an on-duty colleague when the assignee went off duty', async () => {
      const group = await fx.group('重开组 2');
      const owner = await fx.agent('已下班');
      const busy = await fx.agent('忙同事');
      const free = await fx.agent('闲同事');
      await fx.member(group, owner, { onDuty: false });
      await fx.member(group, busy);
      await fx.member(group, free);
      await fx.ticket({ groupId: group, assigneeId: busy });
      const ticket = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });
      changed.length = 0;

      expect(await dispatcher.reassignIfUnavailable(tenant.id, ticket, now)).toBe(free);

      expect(await fx.assigneeOf(ticket)).toBe(free);
      const [event] = await fx.events(ticket);
      expect(event).toMatchObject({ type: 'assigned', actor_type: 'system', data: { assigneeId: free, fromAssigneeId: owner, reason: 'assignee_off_duty', groupId: group } });
      expect(changed.map((e) => e.ticketId)).toEqual([ticket]);
    });

    it('routes it again when the reopened ticket puts the assignee above their limit', async () => {
      const group = await fx.group('重开组 3');
      const owner = await fx.agent('满额处理人');
      const colleague = await fx.agent('有空位的同事');
      await fx.member(group, owner, { maxOpenTickets: 1 });
      await fx.member(group, colleague, { maxOpenTickets: 1 });
      await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });
      const ticket = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });

      expect(await dispatcher.reassignIfUnavailable(tenant.id, ticket, now)).toBe(colleague);
      expect((await fx.events(ticket))[0]).toMatchObject({ data: { reason: 'assignee_at_capacity', fromAssigneeId: owner } });
    });

    it('puts it back in the group queue when nobody on duty has room, and the sweep hands it on later', async () => {
      const group = await fx.group('重开组 4');
      const owner = await fx.agent('休假中');
      const full = await fx.agent('也满了');
      await fx.member(group, owner, { onDuty: false });
      await fx.member(group, full, { maxOpenTickets: 1 });
      await fx.ticket({ groupId: group, assigneeId: full });
      const ticket = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });

      expect(await dispatcher.reassignIfUnavailable(tenant.id, ticket, now)).toBeNull();

      expect(await fx.assigneeOf(ticket)).toBeNull();
      expect((await fx.events(ticket))[0]).toMatchObject({ type: 'assigned', data: { assigneeId: null, fromAssigneeId: owner, reason: 'assignee_off_duty' } });
      expect(await dispatcher.assignWaiting(tenant.id, group, now)).toEqual([]);
      const relief = await fx.agent('来接班');
      await fx.member(group, relief);
      expect((await dispatcher.assignWaiting(tenant.id, group, now)).map((m) => m.assigneeId)).toEqual([relief]);
    });

    it('does nothing to a resolved, unknown or foreign ticket', async () => {
      const group = await fx.group('重开组 5');
      const owner = await fx.agent('不在岗的');
      const colleague = await fx.agent('在岗的');
      await fx.member(group, owner, { onDuty: false });
      await fx.member(group, colleague);
      const resolved = await fx.ticket({ groupId: group, assigneeId: owner, status: 'resolved' });
      const open = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open' });

      expect(await dispatcher.reassignIfUnavailable(tenant.id, resolved, now)).toBeUndefined();
      expect(await dispatcher.reassignIfUnavailable(tenant.id, '00000000-0000-4000-8000-000000000000', now)).toBeUndefined();
      expect(await dispatcher.reassignIfUnavailable(other.id, open, now)).toBeUndefined();
      expect(await fx.assigneeOf(resolved)).toBe(owner);
      expect(await fx.assigneeOf(open)).toBe(owner);
    });
  });

  describe('relieveAtWarning (an SLA warning)', () => {
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

    it('hands the ticket to a colleague with nothing due before it when its assignee has earlier work', async () => {
      const group = await fx.group('预警组 1');
      const swamped = await fx.agent('积压的客服');
      const idle = await fx.agent('手头空的客服');
      const alsoBusy = await fx.agent('也有急单的客服');
      await fx.member(group, swamped);
      await fx.member(group, idle);
      await fx.member(group, alsoBusy);
      await fx.ticket({ groupId: group, assigneeId: swamped, status: 'open', due: { resolution: at(5) } });
      await fx.ticket({ groupId: group, assigneeId: swamped, status: 'new', due: { firstResponse: at(8) } });
      await fx.ticket({ groupId: group, assigneeId: alsoBusy, status: 'open', due: { resolution: at(3) } });
      // Later work does not stand in the way, and neither does work waiting on the customer.
      await fx.ticket({ groupId: group, assigneeId: idle, status: 'open', due: { resolution: at(300) } });
      await fx.ticket({ groupId: group, assigneeId: idle, status: 'pending_customer', due: { resolution: at(1) } });
      const warned = await fx.ticket({ groupId: group, assigneeId: swamped, status: 'new', due: { firstResponse: at(12), resolution: at(200) } });
      changed.length = 0;

      expect(await dispatcher.relieveAtWarning(tenant.id, warned, now)).toBe(idle);

      expect(await fx.assigneeOf(warned)).toBe(idle);
      expect((await fx.events(warned))[0]).toMatchObject({ type: 'assigned', actor_type: 'system', data: { assigneeId: idle, fromAssigneeId: swamped, reason: 'sla_warning_work_ahead' } });
      expect(changed.map((e) => e.ticketId)).toEqual([warned]);
    });

    it('leaves it with an assignee who has nothing due before it', async () => {
      const group = await fx.group('预警组 2');
      const owner = await fx.agent('下一个就是它');
      const idle = await fx.agent('旁边空闲的');
      await fx.member(group, owner);
      await fx.member(group, idle);
      await fx.ticket({ groupId: group, assigneeId: owner, status: 'open', due: { resolution: at(60) } });
      const warned = await fx.ticket({ groupId: group, assigneeId: owner, status: 'new', due: { firstResponse: at(10) } });

      expect(await dispatcher.relieveAtWarning(tenant.id, warned, now)).toBeUndefined();
      expect(await fx.assigneeOf(warned)).toBe(owner);
      expect(await fx.events(warned)).toEqual([]);
    });

    it('in a morning where everyone has earlier work, hands it to the shortest line ahead when that at least halves the wait', async () => {
      const group = await fx.group('预警组 4');
      const duty = await fx.agent('值班积压');
      const helper = await fx.agent('节后支援');
      const middling = await fx.agent('中等积压');
      await fx.member(group, duty);
      await fx.member(group, helper);
      await fx.member(group, middling);
      for (let i = 0; i < 5; i++) await fx.ticket({ groupId: group, assigneeId: duty, status: 'open', due: { resolution: at(i) } });
      for (let i = 0; i < 3; i++) await fx.ticket({ groupId: group, assigneeId: middling, status: 'open', due: { resolution: at(i) } });
      await fx.ticket({ groupId: group, assigneeId: helper, status: 'new', due: { firstResponse: at(2) } });
      await fx.ticket({ groupId: group, assigneeId: helper, status: 'open', due: { resolution: at(3) } });
      const warned = await fx.ticket({ groupId: group, assigneeId: duty, status: 'open', due: { resolution: at(12) } });

      expect(await dispatcher.relieveAtWarning(tenant.id, warned, now)).toBe(helper);
      // Three ahead of it with the helper now, and no shorter line elsewhere that halves that: it stays.
      const next = await fx.ticket({ groupId: group, assigneeId: helper, status: 'new', due: { firstResponse: at(13) } });
      expect(await dispatcher.relieveAtWarning(tenant.id, next, now)).toBeUndefined();
    });

    it('leaves it when every colleague on duty with room has earlier work too, and moves it off an assignee who went off duty', async () => {
      const group = await fx.group('预警组 3');
      const owner = await fx.agent('忙甲');
      const busy = await fx.agent('忙乙');
      const full = await fx.agent('满丙');
      const away = await fx.agent('休丁');
      await fx.member(group, owner);
      await fx.member(group, busy);
      await fx.member(group, full, { maxOpenTickets: 0 });
      await fx.member(group, away, { onDuty: false });
      await fx.ticket({ groupId: group, assigneeId: owner, status: 'open', due: { resolution: at(2) } });
      await fx.ticket({ groupId: group, assigneeId: busy, status: 'open', due: { resolution: at(4) } });
      const warned = await fx.ticket({ groupId: group, assigneeId: owner, status: 'open', due: { resolution: at(10) } });
      expect(await dispatcher.relieveAtWarning(tenant.id, warned, now)).toBeUndefined();
      expect(await fx.assigneeOf(warned)).toBe(owner);

      const stranded = await fx.ticket({ groupId: group, assigneeId: away, status: 'open', due: { resolution: at(10) } });
      expect(await dispatcher.relieveAtWarning(tenant.id, stranded, now)).toBe(busy);
      expect((await fx.events(stranded))[0]).toMatchObject({ data: { fromAssigneeId: away, reason: 'assignee_off_duty' } });
    });
  });

  describe('assignWaiting', () => {
    it('fills free capacity with P1 first, then the oldest', async () => {
      const group = await fx.group('排队组');
      const agent = await fx.agent('唯一客服');
      await fx.member(group, agent, { maxOpenTickets: 3 });
      const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
      const oldP3 = await fx.ticket({ groupId: group, priority: 'P3', createdAt: at(300) });
      const newP1 = await fx.ticket({ groupId: group, priority: 'P1', createdAt: at(5) });
      const oldP2 = await fx.ticket({ groupId: group, priority: 'P2', createdAt: at(100) });
      const newerP3 = await fx.ticket({ groupId: group, priority: 'P3', createdAt: at(10) });
      const olderP1 = await fx.ticket({ groupId: group, priority: 'P1', createdAt: at(50) });

      const made = await dispatcher.assignWaiting(tenant.id, group, now);

      expect(made.map((m) => m.ticketId)).toEqual([olderP1, newP1, oldP2]);
      expect(made.every((m) => m.assigneeId === agent && m.groupId === group)).toBe(true);
      expect(await fx.assigneeOf(oldP3)).toBeNull();
      expect(await fx.assigneeOf(newerP3)).toBeNull();
      expect(await dispatcher.assignWaiting(tenant.id, group, now)).toEqual([]);
    });

    it('offers the earliest stored SLA deadline first, whatever the priority; tickets without one after', async () => {
      const group = await fx.group('时效排队组');
      const agent = await fx.agent('时效客服');
      await fx.member(group, agent, { maxOpenTickets: 4 });
      const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
      // An overnight P3 whose first response falls due at 09:10 goes before a P2 filed at 08:55 due at 09:55.
      const p2 = await fx.ticket({ groupId: group, priority: 'P2', createdAt: at(-5), due: { firstResponse: at(55), resolution: at(600) } });
      const p3 = await fx.ticket({ groupId: group, priority: 'P3', createdAt: at(-600), due: { firstResponse: at(10), resolution: at(900) } });
      // Its resolution deadline (the earliest of its three) is what counts for a ticket already answered once.
      const reopened = await fx.ticket({ groupId: group, priority: 'P4', createdAt: at(-2000), due: { nextResponse: at(30), resolution: at(20) } });
      // Paused (waiting on the customer: no stored deadline) and no policy: after every ticket with one.
      const p1NoDeadline = await fx.ticket({ groupId: group, priority: 'P1', createdAt: at(-1) });
      const p4NoDeadline = await fx.ticket({ groupId: group, priority: 'P4', createdAt: at(-3000) });

      const made = await dispatcher.assignWaiting(tenant.id, group, now);

      expect(made.map((m) => m.ticketId)).toEqual([p3, reopened, p2, p1NoDeadline]);
      expect(await fx.assigneeOf(p4NoDeadline)).toBeNull();
    });
  });
});
