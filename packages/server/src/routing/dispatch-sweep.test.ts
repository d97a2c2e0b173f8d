import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents } from '../events/domain-events.js';
import { JobRunner } from '../insights/job-runner.js';
import { kbDatabase } from '../kb/articles/kb-database.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { DispatchSweep } from './dispatch-sweep.js';
import { RoutingFixtures } from './test-support/routing-fixtures.js';
import { TicketDispatcher } from './ticket-dispatcher.js';

const backends = await testBackends();

describe.each(backends)('dispatch sweep (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let fx: RoutingFixtures;
  let sweep: DispatchSweep;
  const now = new Date('2026-12-07T03:00:00Z');

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('sweep-shop');
    fx = new RoutingFixtures(t.app.zhida.database.db, tenant.id);
    sweep = new DispatchSweep(t.app.zhida.database.db, new TicketDispatcher(t.app.zhida.database.db, new DomainEvents()), { batchSize: 2 });
  });
  afterAll(() => t.close());

  const setStatus = (ticketId: string, status: 'closed') =>
    t.as(tenant, () => ticketDatabase(t.app.zhida.database.db).updateTable('tickets').set({ status }).where('id', '=', ticketId).execute());
  const setDuty = (groupId: string, userId: string, onDuty: boolean) =>
    t.as(tenant, () => ticketDatabase(t.app.zhida.database.db).updateTable('agent_group_members').set({ on_duty: onDuty }).where('group_id', '=', groupId).where('user_id', '=', userId).execute());

  it('assigns waiting tickets when a member comes on duty and when a ticket closes', async () => {
    const group = await fx.group('夜班组');
    const agent = await fx.agent('夜班客服');
    await fx.member(group, agent, { maxOpenTickets: 2, onDuty: false });
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const p3 = await fx.ticket({ groupId: group, priority: 'P3', createdAt: at(60) });
    const p1 = await fx.ticket({ groupId: group, priority: 'P1', createdAt: at(10) });
    const p2 = await fx.ticket({ groupId: group, priority: 'P2', createdAt: at(30) });

    expect(await t.as(tenant, () => sweep.run(tenant.id, now))).toEqual([]);

    await setDuty(group, agent, true);
    const first = await t.as(tenant, () => sweep.run(tenant.id, now));
    expect(first.map((a) => a.ticketId)).toEqual([p1, p2]);
    expect(await fx.assigneeOf(p3)).toBeNull();

    await setStatus(p1, 'closed');
    const second = await t.as(tenant, () => sweep.run(tenant.id, now));
    expect(second).toEqual([{ ticketId: p3, assigneeId: agent, groupId: group }]);
  });

  it('keeps going past one batch and sweeps every group with waiting tickets', async () => {
    const a = await fx.group('批量组 A');
    const b = await fx.group('批量组 B');
    const agentA = await fx.agent('A 组客服');
    const agentB = await fx.agent('B 组客服');
    await fx.member(a, agentA, { maxOpenTickets: 10 });
    await fx.member(b, agentB, { maxOpenTickets: 10 });
    const ticketsA = [];
    for (let i = 0; i < 5; i++) ticketsA.push(await fx.ticket({ groupId: a }));
    const ticketB = await fx.ticket({ groupId: b });
    const triage = await fx.ticket({ groupId: null });

    const made = await t.as(tenant, () => sweep.run(tenant.id, now));

    expect(made.filter((m) => m.groupId === a).map((m) => m.ticketId).sort()).toEqual([...ticketsA].sort());
    expect(made.filter((m) => m.groupId === b)).toEqual([{ ticketId: ticketB, assigneeId: agentB, groupId: b }]);
    expect(await fx.assigneeOf(triage)).toBeNull();
  });

  it('runs for every tenant as a recurring job of a runner', async () => {
    const group = await fx.group('定时组');
    const agent = await fx.agent('定时客服');
    await fx.member(group, agent);
    const ticket = await fx.ticket({ groupId: group });
    let clock = now;
    const runner = new JobRunner(t.app.zhida.database.db, { [DispatchSweep.JOB_KIND]: sweep.asJob(() => clock) }, { now: () => clock });
    await runner.ensureRecurring();
    const jobs = () => t.system(() => kbDatabase(t.app.zhida.database.db).selectFrom('jobs').selectAll().where('kind', '=', DispatchSweep.JOB_KIND).where('tenant_id', '=', tenant.id).execute());
    const [job] = await jobs();
    expect(job!.run_at.getTime() - now.getTime()).toBe(15_000);

    clock = new Date(now.getTime() + 15_000);
    expect(await runner.runDue()).toBeGreaterThanOrEqual(1);

    expect(await fx.assigneeOf(ticket)).toBe(agent);
    const [after] = await jobs();
    expect(after).toMatchObject({ status: 'pending', last_error: null });
    expect(after!.run_at.getTime()).toBe(clock.getTime() + 15_000);
  });

  it("is one of the app runner's recurring jobs", async () => {
    await t.system(() => kbDatabase(t.app.zhida.database.db).deleteFrom('jobs').where('kind', '=', DispatchSweep.JOB_KIND).execute());
    await t.app.zhida.jobs.ensureRecurring();
    const rows = await t.system(() => kbDatabase(t.app.zhida.database.db).selectFrom('jobs').select(['tenant_id', 'status']).where('kind', '=', DispatchSweep.JOB_KIND).execute());
    expect(rows).toEqual([{ tenant_id: tenant.id, status: 'pending' }]);
  });
});
