import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { asTickets, eventsOf, insertTicket, OFFICE_WEEK, ticketRow } from './test-support/sla-fixtures.js';

const backends = await testBackends();
const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(backends)('SLA admin routes (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let admin: StaffSession;
  let agent: StaffSession;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('sla-routes');
    admin = await t.login(tenant, 'admin');
    agent = await t.login(tenant, 'agent');
  });
  afterAll(() => t.close());

  const call = (session: StaffSession, method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

  it('shows the built-in hours until the tenant saves its own calendar, then the saved one', async () => {
    const before = await call(agent, 'GET', '/business-calendar');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ id: null, followChinaHolidays: true, weeklyHours: { '1': [['09:00', '12:00'], ['13:30', '18:00']] } });

    const body = { weeklyHours: { ...OFFICE_WEEK, '6': [['10:00', '16:00']] }, followChinaHolidays: true, closures: [{ from: '2026-12-24', to: '2026-12-25', name: '年会' }] };
    const saved = await call(admin, 'PUT', '/business-calendar', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ id: expect.any(String), weeklyHours: body.weeklyHours, closures: body.closures });
    expect((await call(agent, 'GET', '/business-calendar')).json().id).toBe(saved.json().id);
    // A second PUT replaces it rather than adding another default.
    expect((await call(admin, 'PUT', '/business-calendar', { ...body, closures: [] })).json().id).toBe(saved.json().id);
  });

  it('gives the year view with holidays, 调休 days and closures', async () => {
    await call(admin, 'PUT', '/business-calendar', { weeklyHours: OFFICE_WEEK, followChinaHolidays: true, closures: [{ from: '2026-12-24', to: '2026-12-24', name: '年会' }] });
    const res = await call(agent, 'GET', '/business-calendar/year?year=2026');
    expect(res.statusCode).toBe(200);
    const view = res.json() as { year: number; officialHolidays: boolean; days: { day: string; open: boolean; reason: string; name?: string }[] };
    expect(view).toMatchObject({ year: 2026, officialHolidays: true });
    expect(view.days).toHaveLength(365);
    expect(view.days.find((d) => d.day === '2026-10-01')).toMatchObject({ open: false, reason: 'holiday', name: '国庆节' });
    expect(view.days.find((d) => d.day === '2026-09-20')).toMatchObject({ open: true, reason: 'makeup_workday' });
    expect(view.days.find((d) => d.day === '2026-12-24')).toMatchObject({ open: false, reason: 'closure', name: '年会' });
    expect((await call(agent, 'GET', '/business-calendar/year?year=abc')).statusCode).toBe(400);
  });

  it('rejects malformed hours and closures with a 400, and non-admins with a 403', async () => {
    const bad = [
      { weeklyHours: { '1': [['09:00', '12:00'], ['11:00', '18:00']] }, followChinaHolidays: true },
      { weeklyHours: { '1': [['18:00', '09:00']] }, followChinaHolidays: true },
      { weeklyHours: { '1': [['09:00', '25:00']] }, followChinaHolidays: true },
      { weeklyHours: { '7': [['09:00', '18:00']] }, followChinaHolidays: true },
      { weeklyHours: {}, followChinaHolidays: true, closures: [{ from: '2026-02-30', to: '2026-03-01', name: '停业' }] },
      { weeklyHours: {}, followChinaHolidays: true, closures: [{ from: '2026-03-02', to: '2026-03-01', name: '停业' }] },
    ];
    for (const payload of bad) {
      const res = await call(admin, 'PUT', '/business-calendar', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    expect((await call(agent, 'PUT', '/business-calendar', { weeklyHours: OFFICE_WEEK, followChinaHolidays: true })).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/sla-policies', { name: 'x' })).statusCode).toBe(403);
  });

  it('creates, lists, changes and deletes policies', async () => {
    const created = await call(admin, 'POST', '/sla-policies', { name: '加急', priorities: ['P1'], firstResponseMinutes: 30, resolutionMinutes: 240 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ name: '加急', priorities: ['P1'], categoryKeys: [], firstResponseMinutes: 30, nextResponseMinutes: null, active: true });
    expect((await call(agent, 'GET', '/sla-policies')).json().items.map((p: { id: string }) => p.id)).toContain(id);
    const patched = await call(admin, 'PATCH', `/sla-policies/${id}`, { resolutionMinutes: 120, categoryKeys: ['complaint'] });
    expect(patched.json()).toMatchObject({ resolutionMinutes: 120, categoryKeys: ['complaint'] });
    expect((await call(admin, 'POST', '/sla-policies', { name: '坏', firstResponseMinutes: 0 })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/sla-policies', { name: '坏', priorities: ['P9'] })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/sla-policies', { name: '外组', escalateGroupId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/sla-policies/${id}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/sla-policies/${id}`)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/sla-policies/${id}`, { name: '没了' })).statusCode).toBe(404);
  });

  it("never shows another tenant's policies or calendar", async () => {
    const other = await t.createTenant('sla-routes-other');
    const otherAdmin = await t.login(other, 'admin');
    await call(otherAdmin, 'POST', '/sla-policies', { name: '别家的策略', firstResponseMinutes: 5 });
    await call(otherAdmin, 'PUT', '/business-calendar', { weeklyHours: { '0': [['00:00', '24:00']] }, followChinaHolidays: false, closures: [] });
    expect((await call(admin, 'GET', '/sla-policies')).body).not.toContain('别家的策略');
    expect((await call(admin, 'GET', '/business-calendar')).json().weeklyHours['0']).toBeUndefined();
  });

  it("recomputes the tenant's open tickets after a policy change (via the job runner)", async () => {
    const db = t.app.zhida.database.db;
    const policy = (await call(admin, 'POST', '/sla-policies', { name: '标准', resolutionMinutes: 480 })).json();
    await t.app.zhida.jobs.runDue();
    const ticket = await insertTicket(db, tenant.id, { createdAt: bj('2026-12-07T09:00:00'), status: 'open' });
    await t.as(tenant, () => asTickets(db).transaction().execute((trx) => t.app.zhida.sla.recompute(trx, ticket, bj('2026-12-07T09:00:00'))));
    // 480 business minutes from Monday 09:00: 450 on Monday, 30 on Tuesday.
    expect((await ticketRow(db, tenant.id, ticket.id)).resolution_due_at).toEqual(bj('2026-12-08T09:30:00'));

    await call(admin, 'PATCH', `/sla-policies/${policy.id}`, { resolutionMinutes: 240 });
    await t.app.zhida.jobs.runDue();
    // 240 from Monday 09:00: 180 before lunch, 60 after → 14:30.
    expect((await ticketRow(db, tenant.id, ticket.id)).resolution_due_at).toEqual(bj('2026-12-07T14:30:00'));
    const applied = (await eventsOf(db, tenant.id, ticket.id)).filter((e) => e.type === 'sla_applied');
    expect(applied.map((e) => e.data.resolutionDueAt)).toEqual([bj('2026-12-08T09:30:00').toISOString(), bj('2026-12-07T14:30:00').toISOString()]);
  });
});
