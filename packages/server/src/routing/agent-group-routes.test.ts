import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { RoutingFixtures } from './test-support/routing-fixtures.js';

const backends = await testBackends();

describe.each(backends)('agent group and routing rule routes (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;
  let analyst: StaffSession;
  let fx: RoutingFixtures;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('groups-shop');
    other = await t.createTenant('groups-other');
    admin = await t.login(tenant, 'admin');
    agent = await t.login(tenant, 'agent');
    analyst = await t.login(tenant, 'analyst');
    fx = new RoutingFixtures(t.app.zhida.database.db, tenant.id);
  });
  afterAll(() => t.close());

  const call = (session: StaffSession, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

  describe('agent groups', () => {
    it('creates, lists, renames and deletes a group', async () => {
      const created = await call(admin, 'POST', '/agent-groups', { name: '  售后服务部 ', description: '退换货与维修' });
      expect(created.statusCode).toBe(201);
      const group = created.json();
      expect(group).toMatchObject({ name: '售后服务部', description: '退换货与维修', calendarId: null, memberCount: 0, onDutyCount: 0 });

      const list = await call(analyst, 'GET', '/agent-groups');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((g: { id: string }) => g.id)).toContain(group.id);

      expect((await call(admin, 'PATCH', `/agent-groups/${group.id}`, { name: '售后部', tenantId: other.id })).statusCode).toBe(400);
      const renamed = await call(admin, 'PATCH', `/agent-groups/${group.id}`, { name: '售后部' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('售后部');

      expect((await call(admin, 'DELETE', `/agent-groups/${group.id}`)).statusCode).toBe(204);
      expect((await call(admin, 'PATCH', `/agent-groups/${group.id}`, { name: 'x' })).statusCode).toBe(404);
    });

    it('takes and returns the chat routing settings; the default chat group mark moves', async () => {
      const created = await call(admin, 'POST', '/agent-groups', { name: '信用卡热线', chatSkills: ['信用卡', '信用卡'], chatIntents: ['card_lost'], isChatDefault: true, offerTimeoutSeconds: 20 });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ handlesChat: true, chatSkills: ['信用卡'], chatIntents: ['card_lost'], isChatDefault: true, offerTimeoutSeconds: 20 });
      const second = (await call(admin, 'POST', '/agent-groups', { name: '综合热线' })).json();
      expect(second).toMatchObject({ handlesChat: true, chatSkills: [], chatIntents: [], isChatDefault: false, offerTimeoutSeconds: 30 });
      const moved = await call(admin, 'PATCH', `/agent-groups/${second.id}`, { isChatDefault: true, handlesChat: true });
      expect(moved.json().isChatDefault).toBe(true);
      const groups = (await call(admin, 'GET', '/agent-groups')).json().items as { id: string; isChatDefault: boolean }[];
      expect(groups.filter((g) => g.isChatDefault).map((g) => g.id)).toEqual([second.id]);
      expect((await call(admin, 'PATCH', `/agent-groups/${created.json().id}`, { offerTimeoutSeconds: 2 })).statusCode).toBe(400);
      expect((await call(admin, 'PATCH', `/agent-groups/${created.json().id}`, { handlesChat: false })).json().handlesChat).toBe(false);
      expect((await call(agent, 'PATCH', `/agent-groups/${created.json().id}`, { isChatDefault: true })).statusCode).toBe(403);
    });

    it('refuses a duplicate name with 409 and bad input with 400', async () => {
      expect((await call(admin, 'POST', '/agent-groups', { name: '重名组' })).statusCode).toBe(201);
      const dup = await call(admin, 'POST', '/agent-groups', { name: '重名组' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('group_name_taken');
      for (const body of [{}, { name: '' }, { name: 'x'.repeat(101) }, { name: 'ok', tenantId: other.id }, { name: 'ok', calendarId: 'nope' }]) {
        const res = await call(admin, 'POST', '/agent-groups', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('validation_error');
      }
    });

    it("answers 404 for a calendar that is not the tenant's", async () => {
      const res = await call(admin, 'POST', '/agent-groups', { name: '日历组', calendarId: '00000000-0000-4000-8000-000000000001' });
      expect(res.statusCode).toBe(404);
    });

    it('lets only admins write, and every staff role read', async () => {
      expect((await call(agent, 'POST', '/agent-groups', { name: '客服建的组' })).statusCode).toBe(403);
      expect((await call(analyst, 'POST', '/ticket-routing-rules', { name: 'r', groupId: '00000000-0000-4000-8000-000000000001' })).statusCode).toBe(403);
      expect((await call(agent, 'GET', '/agent-groups')).statusCode).toBe(200);
      expect((await call(agent, 'GET', '/ticket-routing-rules')).statusCode).toBe(200);
    });

    it('refuses to delete a group that still holds open tickets', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '有工单的组' })).json();
      const ticket = await fx.ticket({ groupId: group.id, status: 'open' });
      const res = await call(admin, 'DELETE', `/agent-groups/${group.id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('group_has_open_tickets');
      expect(ticket).toBeTruthy();
    });
  });

  describe('members', () => {
    it('replaces the members and shows each with their name and open-ticket load', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '成员组' })).json();
      await fx.ticket({ groupId: null, assigneeId: tenant.users.agent.id, status: 'open' });
      await fx.ticket({ groupId: null, assigneeId: tenant.users.agent.id, status: 'closed' });
      const put = await call(admin, 'PUT', `/agent-groups/${group.id}/members`, {
        members: [
          { userId: tenant.users.agent.id, isSupervisor: false, maxOpenTickets: 5, onDuty: true },
          { userId: tenant.users.supervisor.id, isSupervisor: true, maxOpenTickets: 10, onDuty: false },
        ],
      });
      expect(put.statusCode).toBe(200);
      const members = (await call(analyst, 'GET', `/agent-groups/${group.id}/members`)).json().items;
      expect(members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: tenant.users.agent.id, name: 'agent of groups-shop', role: 'agent', maxOpenTickets: 5, onDuty: true, isSupervisor: false, openTickets: 1 }),
          expect.objectContaining({ userId: tenant.users.supervisor.id, isSupervisor: true, onDuty: false, openTickets: 0 }),
        ]),
      );
      expect(members).toHaveLength(2);
      expect((await call(admin, 'GET', '/agent-groups')).json().items.find((g: { id: string }) => g.id === group.id)).toMatchObject({ memberCount: 2, onDutyCount: 1 });

      const shrunk = await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.supervisor.id, maxOpenTickets: 3 }] });
      expect(shrunk.statusCode).toBe(200);
      expect(shrunk.json().items).toEqual([expect.objectContaining({ userId: tenant.users.supervisor.id, maxOpenTickets: 3, onDuty: true, isSupervisor: false })]);
    });

    it("answers 404 for another tenant's user and changes nothing", async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '外人组' })).json();
      await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.agent.id }] });
      const res = await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.admin.id }, { userId: other.users.agent.id }] });
      expect(res.statusCode).toBe(404);
      const members = (await call(admin, 'GET', `/agent-groups/${group.id}/members`)).json().items;
      expect(members.map((m: { userId: string }) => m.userId)).toEqual([tenant.users.agent.id]);
    });

    it('rejects a user listed twice and limits out of range', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '校验组' })).json();
      const twice = await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.agent.id }, { userId: tenant.users.agent.id }] });
      expect(twice.statusCode).toBe(400);
      const negative = await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.agent.id, maxOpenTickets: -1 }] });
      expect(negative.statusCode).toBe(400);
    });

    it('assigns waiting tickets as soon as capacity appears', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '立即派单组' })).json();
      const waiting = await fx.ticket({ groupId: group.id });
      await call(admin, 'PUT', `/agent-groups/${group.id}/members`, { members: [{ userId: tenant.users.supervisor.id, maxOpenTickets: 50 }] });
      expect(await fx.assigneeOf(waiting)).toBe(tenant.users.supervisor.id);
    });
  });

  describe('duty', () => {
    it('puts the caller on and off duty in all their groups, and dispatches when they come back', async () => {
      const first = (await call(admin, 'POST', '/agent-groups', { name: '值班组一' })).json();
      const second = (await call(admin, 'POST', '/agent-groups', { name: '值班组二' })).json();
      const elsewhere = (await call(admin, 'POST', '/agent-groups', { name: '值班组外' })).json();
      const agentId = tenant.users.agent.id;
      await call(admin, 'PUT', `/agent-groups/${first.id}/members`, { members: [{ userId: agentId, maxOpenTickets: 5 }] });
      await call(admin, 'PUT', `/agent-groups/${second.id}/members`, { members: [{ userId: tenant.users.supervisor.id }, { userId: agentId, maxOpenTickets: 5 }] });
      await call(admin, 'PUT', `/agent-groups/${elsewhere.id}/members`, { members: [{ userId: tenant.users.supervisor.id }] });

      const goOff = await call(agent, 'PUT', '/agent-groups/me/duty', { onDuty: false });
      expect(goOff.statusCode).toBe(200);
      expect(goOff.json().onDuty).toBe(false);
      expect(goOff.json().groupIds).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(goOff.json().groupIds).not.toContain(elsewhere.id);
      const waiting = await fx.ticket({ groupId: first.id });
      expect(await fx.assigneeOf(waiting)).toBeNull();
      const members = async (groupId: string) => (await call(admin, 'GET', `/agent-groups/${groupId}/members`)).json().items as { userId: string; onDuty: boolean }[];
      expect((await members(second.id)).map((m) => [m.userId, m.onDuty])).toEqual(expect.arrayContaining([[agentId, false], [tenant.users.supervisor.id, true]]));

      const goOn = await call(agent, 'PUT', '/agent-groups/me/duty', { onDuty: true });
      expect(goOn.statusCode).toBe(200);
      expect(await fx.assigneeOf(waiting)).toBe(agentId);
      expect((await members(second.id)).find((m) => m.userId === agentId)?.onDuty).toBe(true);
    });

    it('is not for analysts, who take no tickets', async () => {
      expect((await call(analyst, 'PUT', '/agent-groups/me/duty', { onDuty: false })).statusCode).toBe(403);
    });

    it('refuses an API key, which is nobody on duty', async () => {
      const { secret } = await t.as(tenant, () => t.app.zhida.apiKeys.create({ tenantId: tenant.id }, { name: 'duty', role: 'agent' }));
      const res = await t.app.inject({ method: 'PUT', url: '/api/v1/agent-groups/me/duty', headers: { authorization: `Bearer ${secret}` }, payload: { onDuty: true } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('not_a_user');
    });
  });

  describe('routing rules', () => {
    it('creates rules in order, edits and deletes them', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '规则组' })).json();
      const first = await call(admin, 'POST', '/ticket-routing-rules', { name: '投诉优先', keywords: ['投诉', '12315'], groupId: group.id, priority: 'P1' });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ name: '投诉优先', keywords: ['投诉', '12315'], categoryKeys: [], customerTiers: [], group: { id: group.id, name: '规则组' }, priority: 'P1', active: true });
      const second = (await call(admin, 'POST', '/ticket-routing-rules', { name: 'VIP', customerTiers: ['vip'], groupId: group.id })).json();
      expect(second.position).toBeGreaterThan(first.json().position);

      const listed = (await call(analyst, 'GET', '/ticket-routing-rules')).json().items.map((r: { id: string }) => r.id);
      expect(listed.indexOf(first.json().id)).toBeLessThan(listed.indexOf(second.id));

      expect((await call(admin, 'PATCH', `/ticket-routing-rules/${second.id}`, { tenantId: other.id })).statusCode).toBe(400);
      const moved = await call(admin, 'PATCH', `/ticket-routing-rules/${second.id}`, { position: 0, active: false, categoryKeys: ['refund'] });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ position: 0, active: false, categoryKeys: ['refund'] });

      expect((await call(admin, 'DELETE', `/ticket-routing-rules/${second.id}`)).statusCode).toBe(204);
      expect((await call(admin, 'DELETE', `/ticket-routing-rules/${second.id}`)).statusCode).toBe(404);
    });

    it('routes tickets with the rules it stores', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '发票组' })).json();
      await call(admin, 'POST', '/ticket-routing-rules', { name: '发票', keywords: ['發票'], groupId: group.id, position: 0 });
      const decision = await t.as(tenant, () =>
        t.app.zhida.routing.dispatcher.route(ticketDatabase(t.app.zhida.database.db), tenant.id, { categoryId: null, categoryKey: null, text: '发票抬头开错了', customerTier: null }),
      );
      expect(decision?.groupId).toBe(group.id);
    });

    it("answers 404 for another tenant's group, on create and on edit", async () => {
      const foreign = await new RoutingFixtures(t.app.zhida.database.db, other.id).group('别人的组');
      expect((await call(admin, 'POST', '/ticket-routing-rules', { name: 'x', groupId: foreign })).statusCode).toBe(404);
      const mine = (await call(admin, 'POST', '/agent-groups', { name: '自己的组' })).json();
      const rule = (await call(admin, 'POST', '/ticket-routing-rules', { name: 'y', groupId: mine.id })).json();
      expect((await call(admin, 'PATCH', `/ticket-routing-rules/${rule.id}`, { groupId: foreign })).statusCode).toBe(404);
      expect((await call(admin, 'GET', '/ticket-routing-rules')).json().items.find((r: { id: string }) => r.id === rule.id).group.id).toBe(mine.id);
    });

    it('rejects malformed rules with 400', async () => {
      const group = (await call(admin, 'POST', '/agent-groups', { name: '校验规则组' })).json();
      for (const body of [
        { name: 'x' },
        { name: 'x', groupId: group.id, priority: 'P9' },
        { name: 'x', groupId: group.id, keywords: [''] },
        { name: 'x', groupId: group.id, categoryKeys: ['Refund Key!'] },
        { name: 'x', groupId: group.id, position: -1 },
        { name: 'x', groupId: group.id, extra: true },
      ]) {
        const res = await call(admin, 'POST', '/ticket-routing-rules', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
    });
  });
});
