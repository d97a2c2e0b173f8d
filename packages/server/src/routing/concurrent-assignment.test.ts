import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents } from '../events/domain-events.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { AgentGroupRepository } from './agent-group-repository.js';
import { DispatchSweep } from './dispatch-sweep.js';
import { RoutingFixtures } from './test-support/routing-fixtures.js';
import { TicketDispatcher } from './ticket-dispatcher.js';

const backends = await testBackends();

/**
 * Two app nodes — each with its own database pool from createDatabase — assign the same waiting
 * tickets at once. Only PostgreSQL has concurrent sessions; PGlite is one connection.
 */
describe.runIf(backends.includes('postgres'))('concurrent assignment on two nodes (postgres)', () => {
  let first: TestApp;
  let second: TestApp;
  let tenant: TestTenant;
  let fx: RoutingFixtures;
  const groups: string[] = [];
  const capacity = new Map<string, number>();
  const membersOf = new Map<string, { userId: string; isSupervisor: boolean; maxOpenTickets: number; onDuty: boolean }[]>();
  const tickets: string[] = [];

  beforeAll(async () => {
    first = await TestApp.start('postgres');
    second = await TestApp.startSharing(first);
    tenant = await first.createTenant('rush-hour');
    fx = new RoutingFixtures(first.app.zhida.database.db, tenant.id);
    groups.push(await fx.group('售后一组'), await fx.group('售后二组'));
    // Small limits, 27 slots in all (one agent is in both groups, with one limit for their load), one off duty: most of the 200 tickets must wait.
    const limits = [2, 3, 5, 7, 4, 6];
    for (const [i, limit] of limits.entries()) {
      const agent = await fx.agent(`客服${i + 1}`);
      capacity.set(agent, limit);
      for (const g of i === 0 ? groups : [groups[i % 2]!]) {
        await fx.member(g, agent, { maxOpenTickets: limit });
        membersOf.set(g, [...(membersOf.get(g) ?? []), { userId: agent, isSupervisor: false, maxOpenTickets: limit, onDuty: true }]);
      }
    }
    const off = await fx.agent('下班的客服');
    await fx.member(groups[0]!, off, { onDuty: false });
    membersOf.set(groups[0]!, [...membersOf.get(groups[0]!)!, { userId: off, isSupervisor: false, maxOpenTickets: 30, onDuty: false }]);
    capacity.set(off, 0);
    for (let i = 0; i < 200; i++) tickets.push(await fx.ticket({ groupId: groups[i % 2]!, priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4] }));
  });
  afterAll(async () => {
    await second?.closeShared();
    await first?.close();
  });

  const ticketRows = () =>
    first.as(tenant, () => ticketDatabase(first.app.zhida.database.db).selectFrom('tickets').select(['id', 'assignee_id', 'group_id', 'status']).where('tenant_id', '=', tenant.id).execute());
  const assignedEvents = () =>
    first.as(tenant, () => ticketDatabase(first.app.zhida.database.db).selectFrom('ticket_events').select(['ticket_id', 'data']).where('tenant_id', '=', tenant.id).where('type', '=', 'assigned').execute());

  const countAssigned = async () => (await ticketRows()).filter((r) => r.assignee_id).length;

  async function expectConsistent(): Promise<number> {
    const rows = await ticketRows();
    const load = new Map<string, number>();
    for (const row of rows) if (row.assignee_id && row.status !== 'closed') load.set(row.assignee_id, (load.get(row.assignee_id) ?? 0) + 1);
    for (const [agent, n] of load) expect(n, `load of ${agent}`).toBeLessThanOrEqual(capacity.get(agent)!);
    // Every ticket is either assigned (once, with one event naming that assignee) or still waiting untouched.
    const events = await assignedEvents();
    const perTicket = new Map<string, string[]>();
    for (const e of events) perTicket.set(e.ticket_id, [...(perTicket.get(e.ticket_id) ?? []), String(e.data.assigneeId)]);
    for (const row of rows) {
      expect(groups).toContain(row.group_id);
      if (row.assignee_id) expect(perTicket.get(row.id), row.id).toEqual([row.assignee_id]);
      else expect(perTicket.has(row.id), row.id).toBe(false);
    }
    expect(rows).toHaveLength(200);
    return rows.filter((r) => r.assignee_id).length;
  }

  it('never assigns a ticket twice and never fills anyone past their limit', async () => {
    const nodes = [first, second].map((node) => {
      const dispatcher = new TicketDispatcher(node.app.zhida.database.db, new DomainEvents());
      return { dispatcher, sweep: new DispatchSweep(node.app.zhida.database.db, dispatcher, { batchSize: 5 }) };
    });
    const now = new Date();
    const reversed = [...tickets].reverse();
    const results = await Promise.all([
      inParallel(tickets, 8, (id) => nodes[0]!.dispatcher.assign(tenant.id, id, now)),
      inParallel(reversed, 8, (id) => nodes[1]!.dispatcher.assign(tenant.id, id, now)),
      first.as(tenant, () => nodes[0]!.sweep.run(tenant.id, now)),
      second.as(tenant, () => nodes[1]!.sweep.run(tenant.id, now)),
    ]);
    // Both nodes tried every ticket; between them they handed out each slot once.
    const picked = [...(results[0] as (string | null)[]), ...(results[1] as (string | null)[])].filter((x) => x !== null);
    expect(picked.length + (results[2] as unknown[]).length + (results[3] as unknown[]).length).toBe(await countAssigned());

    const assigned = await expectConsistent();
    expect(assigned).toBeLessThanOrEqual(27);

    // Whatever a skipped lock left over, a quiet sweep fills exactly the free slots and no more.
    await first.as(tenant, () => nodes[0]!.sweep.run(tenant.id, new Date()));
    expect(await expectConsistent()).toBe(27);
  });

  it('stays within limits when tickets close and both nodes sweep at once', async () => {
    const nodes = [first, second].map((node) => new DispatchSweep(node.app.zhida.database.db, new TicketDispatcher(node.app.zhida.database.db, new DomainEvents()), { batchSize: 3 }));
    const rows = await ticketRows();
    const toClose = rows.filter((r) => r.assignee_id).slice(0, 20).map((r) => r.id);
    await first.as(tenant, () => ticketDatabase(first.app.zhida.database.db).updateTable('tickets').set({ status: 'closed' }).where('id', 'in', toClose).execute());

    await Promise.all([
      first.as(tenant, () => nodes[0]!.run(tenant.id, new Date())),
      second.as(tenant, () => nodes[1]!.run(tenant.id, new Date())),
      first.as(tenant, () => nodes[0]!.run(tenant.id, new Date())),
      second.as(tenant, () => nodes[1]!.run(tenant.id, new Date())),
    ]);

    await expectConsistent();
    const open = (await ticketRows()).filter((r) => r.assignee_id && r.status !== 'closed');
    expect(open).toHaveLength(27);
  });

  it('does not deadlock when duty changes, member edits and both nodes dispatch at once', async () => {
    const ctx = { tenantId: tenant.id };
    const nodes = [first, second].map((node) => ({
      node,
      groups: new AgentGroupRepository(node.app.zhida.database.db),
      sweep: new DispatchSweep(node.app.zhida.database.db, new TicketDispatcher(node.app.zhida.database.db, new DomainEvents()), { batchSize: 2 }),
    }));
    const shared = membersOf.get(groups[1]!)!.find((m) => membersOf.get(groups[0]!)!.some((o) => o.userId === m.userId))!.userId;
    await first.as(tenant, () => nodes[0]!.sweep.run(tenant.id, new Date()));
    const rows = await ticketRows();
    const toClose = rows.filter((r) => r.assignee_id && r.status !== 'closed').slice(0, 10).map((r) => r.id);
    expect(toClose).toHaveLength(10);
    await first.as(tenant, () => ticketDatabase(first.app.zhida.database.db).updateTable('tickets').set({ status: 'closed' }).where('id', 'in', toClose).execute());

    const work: Promise<unknown>[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [i, n] of nodes.entries()) {
        work.push(n.node.as(tenant, () => n.sweep.run(tenant.id, new Date())));
        work.push(n.node.as(tenant, () => n.groups.setDuty(ctx, shared, round % 2 === i % 2)));
        work.push(n.node.as(tenant, () => n.groups.replaceMembers(ctx, groups[(round + i) % 2]!, { members: membersOf.get(groups[(round + i) % 2]!)! })));
      }
    }
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);

    await first.as(tenant, () => nodes[0]!.groups.setDuty(ctx, shared, true));
    await first.as(tenant, () => nodes[0]!.sweep.run(tenant.id, new Date()));
    await expectConsistent();
    expect((await ticketRows()).filter((r) => r.assignee_id && r.status !== 'closed')).toHaveLength(27);
  });
});

/** Runs fn over items with at most `workers` calls in flight (a node's pool has 10 connections), keeping the results in order. */
async function inParallel<T, R>(items: readonly T[], workers: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}
