import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { DomainEvents, type DomainEventMap } from '../../events/domain-events.js';
import { testBackends } from '../../test-support/test-backends.js';
import { appendTicketEvent } from '../ticket-event-log.js';
import type { TicketActorType, TicketRow, TicketStatus } from '../ticket-schema.js';
import { SlaScheduler } from './sla-scheduler.js';
import { asTickets, eventsOf, insertAgent, insertCalendar, insertGroup, insertPolicy, insertTenant, insertTicket, OFFICE_WEEK, openTestDatabase, ticketRow } from './test-support/sla-fixtures.js';
import { TicketSlaClock } from './ticket-sla-clock.js';

const backends = await testBackends();
const bj = (local: string) => new Date(`${local}+08:00`);

interface Node {
  scheduler: SlaScheduler;
  alerts: DomainEventMap['ticket.sla_alert'][];
  changed: DomainEventMap['ticket.changed'][];
}

describe.each(backends)('SlaScheduler on %s', (backend) => {
  let close: () => Promise<void>;
  let db: Kysely<Database>;
  let tenantId: string;
  let escalationGroup: string;
  let frontGroup: string;
  let agent: string;
  let now = bj('2026-12-07T09:00:00');
  const nodes: Node[] = [];

  function node(handle: Kysely<Database>): Node {
    const events = new DomainEvents();
    const n: Node = { scheduler: new SlaScheduler(handle, new TicketSlaClock(), events, { now: () => now }), alerts: [], changed: [] };
    events.on('ticket.sla_alert', (a) => n.alerts.push(a));
    events.on('ticket.changed', (c) => n.changed.push(c));
    return n;
  }
  /** Both nodes sweep at the same moment. */
  const sweep = (at: string) => {
    now = bj(at);
    return Promise.all(nodes.map((n) => n.scheduler.runDue()));
  };
  const recompute = (ticket: TicketRow, at: Date) => TenantScope.asTenant(tenantId, () => asTickets(db).transaction().execute((trx) => new TicketSlaClock().recompute(trx, ticket, at)));
  /** What the ticket service would write: an event (a status change also sets the row's status), then a recompute. */
  const happen = (ticketId: string, at: string, type: 'status_changed' | 'reply' | 'customer_reply', change?: { from: TicketStatus; to: TicketStatus }) =>
    TenantScope.asTenant(tenantId, () =>
      asTickets(db)
        .transaction()
        .execute(async (trx) => {
          const actorType: TicketActorType = type === 'customer_reply' ? 'customer' : 'agent';
          await appendTicketEvent(trx, { tenantId, ticketId, type, actorType, data: change ?? {}, at: bj(at) });
          if (change) await trx.updateTable('tickets').set({ status: change.to, updated_at: bj(at) }).where('id', '=', ticketId).execute();
          const row = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
          await new TicketSlaClock().recompute(trx, row, bj(at));
        }),
    );
  const typesOf = async (id: string) => (await eventsOf(db, tenantId, id)).map((e) => e.type);

  beforeAll(async () => {
    const opened = await openTestDatabase(backend);
    close = opened.close;
    db = opened.handle.db;
    // Two app nodes: two connection pools on one PostgreSQL schema; PGlite is one process, so two schedulers share its handle.
    nodes.push(node(db), node(backend === 'postgres' ? (await opened.another()).db : db));
    tenantId = await insertTenant(db);
    await insertCalendar(db, tenantId, { weeklyHours: OFFICE_WEEK, isDefault: true });
    escalationGroup = await insertGroup(db, tenantId, { name: '投诉升级组' });
    frontGroup = await insertGroup(db, tenantId, { name: '售后服务部' });
    agent = await insertAgent(db, tenantId);
    await insertPolicy(db, tenantId, { name: '标准', firstResponse: 60, escalateGroupId: escalationGroup });
  });
  afterAll(() => close());

  it('fires the warning at 80 % and the breach at 100 % exactly once with two nodes sweeping together', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-07T09:00:00'), groupId: frontGroup, assigneeId: agent, status: 'open' });
    await recompute(ticket, bj('2026-12-07T09:00:00'));
    expect((await ticketRow(db, tenantId, ticket.id)).escalation_at).toEqual(bj('2026-12-07T09:48:00'));

    await sweep('2026-12-07T09:47:59');
    expect(await typesOf(ticket.id)).not.toContain('sla_warning');

    await sweep('2026-12-07T09:48:00');
    await sweep('2026-12-07T09:48:01');
    expect((await typesOf(ticket.id)).filter((t) => t === 'sla_warning')).toHaveLength(1);
    let row = await ticketRow(db, tenantId, ticket.id);
    expect(row.escalation_at).toEqual(bj('2026-12-07T10:00:00'));
    expect(row).toMatchObject({ breached: false, priority: 'P3', group_id: frontGroup, assignee_id: agent });

    await sweep('2026-12-07T10:00:00');
    await sweep('2026-12-07T10:00:00');
    await sweep('2026-12-07T11:00:00');
    const types = await typesOf(ticket.id);
    expect(types.filter((t) => t === 'sla_warning')).toHaveLength(1);
    expect(types.filter((t) => t === 'sla_breach')).toHaveLength(1);
    expect(types.filter((t) => t === 'escalated')).toHaveLength(1);
    row = await ticketRow(db, tenantId, ticket.id);
    // Breached: a step up in priority, moved to the escalation group, no assignee; nothing more to fire.
    expect(row).toMatchObject({ breached: true, priority: 'P2', group_id: escalationGroup, assignee_id: null, escalation_at: null });
    const events = await eventsOf(db, tenantId, ticket.id);
    expect(events.find((e) => e.type === 'sla_breach')!.data).toEqual({ clock: 'first_response', dueAt: bj('2026-12-07T10:00:00').toISOString() });
    expect(events.find((e) => e.type === 'priority_changed')!.data).toMatchObject({ from: 'P3', to: 'P2' });
    const alertRows = await TenantScope.asTenant(tenantId, () => asTickets(db).selectFrom('ticket_sla_alerts').selectAll().where('ticket_id', '=', ticket.id).execute());
    expect(alertRows.map((a) => a.level).sort()).toEqual(['breach', 'warning']);

    // Each alert reached exactly one node's listeners, after its commit.
    const alerts = nodes.flatMap((n) => n.alerts).filter((a) => a.ticketId === ticket.id);
    expect(alerts.map((a) => a.level).sort()).toEqual(['breach', 'warning']);
    expect(alerts.find((a) => a.level === 'breach')).toMatchObject({ tenantId, number: ticket.number, clock: 'first_response', groupId: escalationGroup, assigneeId: null });
    expect(alerts.find((a) => a.level === 'warning')).toMatchObject({ groupId: frontGroup, assigneeId: agent });
    expect(nodes.flatMap((n) => n.changed).filter((c) => c.ticketId === ticket.id).map((c) => c.eventType).sort()).toEqual(['escalated', 'sla_warning']);
  });

  it('fires a warning and a breach that both passed unnoticed (all nodes were down) in one go, once each', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-08T09:00:00'), priority: 'P1', status: 'open', groupId: escalationGroup });
    await recompute(ticket, bj('2026-12-08T09:00:00'));
    await sweep('2026-12-08T15:00:00');
    await sweep('2026-12-08T15:00:01');
    const types = await typesOf(ticket.id);
    expect(types.filter((t) => t === 'sla_warning')).toHaveLength(1);
    expect(types.filter((t) => t === 'sla_breach')).toHaveLength(1);
    // P1 cannot go higher and the ticket is already in the escalation group.
    expect(types).not.toContain('priority_changed');
    expect(types).not.toContain('escalated');
    expect((await ticketRow(db, tenantId, ticket.id)).breached).toBe(true);
  });

  it("hands an assigned ticket's warning to routing once, after the commit; not an unassigned ticket's, nor a breach", async () => {
    const calls: { ticketId: string; at: Date; committed: boolean }[] = [];
    const relievers = [db, db].map(
      (handle) =>
        new SlaScheduler(handle, new TicketSlaClock(), new DomainEvents(), {
          now: () => now,
          routing: {
            relieveAtWarning: async (_tenant, ticketId, at) => {
              // Called after the commit: the warning is already there for anyone to read.
              const committed = (await typesOf(ticketId)).includes('sla_warning');
              calls.push({ ticketId, at, committed });
              return undefined;
            },
          },
        }),
    );
    const assigned = await insertTicket(db, tenantId, { createdAt: bj('2026-12-21T09:00:00'), groupId: frontGroup, assigneeId: agent, status: 'open' });
    const waiting = await insertTicket(db, tenantId, { createdAt: bj('2026-12-21T09:00:00'), groupId: frontGroup, status: 'open' });
    await recompute(assigned, bj('2026-12-21T09:00:00'));
    await recompute(waiting, bj('2026-12-21T09:00:00'));
    const mine = () => calls.filter((c) => c.ticketId === assigned.id || c.ticketId === waiting.id);

    now = bj('2026-12-21T09:48:00');
    await Promise.all(relievers.map((r) => r.runDue()));
    expect(mine()).toEqual([{ ticketId: assigned.id, at: bj('2026-12-21T09:48:00'), committed: true }]);
    now = bj('2026-12-21T10:00:00');
    await Promise.all(relievers.map((r) => r.runDue()));
    expect(mine()).toHaveLength(1);
    expect((await typesOf(assigned.id)).filter((t) => t === 'sla_breach')).toHaveLength(1);
  });

  it('does not fire while the ticket waits on the customer', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-09T09:00:00'), status: 'pending_customer' });
    await recompute(ticket, bj('2026-12-09T09:00:00'));
    // Rigged as if a stale escalation time were left behind: the sweep recomputes and fires nothing.
    await TenantScope.asTenant(tenantId, () => asTickets(db).updateTable('tickets').set({ escalation_at: bj('2026-12-09T09:30:00') }).where('id', '=', ticket.id).execute());
    await sweep('2026-12-09T12:00:00');
    expect(await typesOf(ticket.id)).not.toContain('sla_warning');
    expect((await ticketRow(db, tenantId, ticket.id)).escalation_at).toBeNull();
  });

  it('closes a resolved ticket 7 days after resolution, once, with a public auto_closed event', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-01T09:00:00'), status: 'resolved', resolvedAt: bj('2026-12-01T10:00:00'), firstRespondedAt: bj('2026-12-01T09:10:00') });
    await recompute(ticket, bj('2026-12-01T10:00:00'));
    await sweep('2026-12-08T09:59:59');
    expect((await ticketRow(db, tenantId, ticket.id)).status).toBe('resolved');
    await sweep('2026-12-08T10:00:00');
    await sweep('2026-12-08T10:00:01');
    const row = await ticketRow(db, tenantId, ticket.id);
    expect(row).toMatchObject({ status: 'closed', escalation_at: null });
    expect(row.closed_at).toEqual(bj('2026-12-08T10:00:00'));
    const events = await eventsOf(db, tenantId, ticket.id);
    const closed = events.filter((e) => e.type === 'auto_closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ public: true, actor_type: 'system' });
    expect(events.filter((e) => e.type === 'status_changed').at(-1)!.data).toEqual({ from: 'resolved', to: 'closed' });
  });
  it('warns once per run: a pause after the warning moves the deadline but does not warn again; the breach fires once later', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-10T09:00:00'), status: 'open', groupId: frontGroup });
    await recompute(ticket, bj('2026-12-10T09:00:00'));
    await sweep('2026-12-10T09:48:00');
    expect((await typesOf(ticket.id)).filter((t) => t === 'sla_warning')).toHaveLength(1);

    // 50 of 60 minutes used, then 40 minutes waiting on the customer: the deadline moves from 10:00 to 10:40.
    await happen(ticket.id, '2026-12-10T09:50:00', 'status_changed', { from: 'open', to: 'pending_customer' });
    await sweep('2026-12-10T10:00:00');
    await happen(ticket.id, '2026-12-10T10:30:00', 'status_changed', { from: 'pending_customer', to: 'open' });
    expect((await ticketRow(db, tenantId, ticket.id)).first_response_due_at).toEqual(bj('2026-12-10T10:40:00'));
    await sweep('2026-12-10T10:30:00');
    await sweep('2026-12-10T10:39:59');
    let types = await typesOf(ticket.id);
    expect(types.filter((t) => t === 'sla_warning')).toHaveLength(1);
    expect(types).not.toContain('sla_breach');
    expect((await ticketRow(db, tenantId, ticket.id)).escalation_at).toEqual(bj('2026-12-10T10:40:00'));

    await sweep('2026-12-10T10:40:00');
    await sweep('2026-12-10T11:30:00');
    types = await typesOf(ticket.id);
    expect(types.filter((t) => t === 'sla_warning')).toHaveLength(1);
    expect(types.filter((t) => t === 'sla_breach')).toHaveLength(1);
    const events = await eventsOf(db, tenantId, ticket.id);
    expect(events.find((e) => e.type === 'sla_breach')!.data).toEqual({ clock: 'first_response', dueAt: bj('2026-12-10T10:40:00').toISOString() });

    // A pause after the breach does not breach again either.
    await happen(ticket.id, '2026-12-10T11:40:00', 'status_changed', { from: 'open', to: 'pending_customer' });
    await happen(ticket.id, '2026-12-10T14:00:00', 'status_changed', { from: 'pending_customer', to: 'open' });
    await sweep('2026-12-10T15:00:00');
    expect((await typesOf(ticket.id)).filter((t) => t === 'sla_breach')).toHaveLength(1);
    const rows = await TenantScope.asTenant(tenantId, () => asTickets(db).selectFrom('ticket_sla_alerts').selectAll().where('ticket_id', '=', ticket.id).execute());
    expect(rows.map((r) => [r.level, new Date(r.run_started_at).getTime()]).sort()).toEqual([
      ['breach', bj('2026-12-10T09:00:00').getTime()],
      ['warning', bj('2026-12-10T09:00:00').getTime()],
    ]);
  });

  it('gives each next-response run (each customer reply after an answer) its own warning', async () => {
    const other = await insertTenant(db);
    await insertCalendar(db, other, { weeklyHours: OFFICE_WEEK, isDefault: true });
    await insertPolicy(db, other, { name: '跟进', nextResponse: 30 });
    const own = tenantId;
    tenantId = other;
    try {
      const ticket = await insertTicket(db, other, { createdAt: bj('2026-12-14T09:00:00'), status: 'open', firstRespondedAt: bj('2026-12-14T09:05:00') });
      await happen(ticket.id, '2026-12-14T09:05:00', 'reply');
      await happen(ticket.id, '2026-12-14T09:10:00', 'customer_reply');
      expect((await ticketRow(db, other, ticket.id)).escalation_at).toEqual(bj('2026-12-14T09:34:00'));
      await sweep('2026-12-14T09:35:00');
      await sweep('2026-12-14T09:36:00');
      await happen(ticket.id, '2026-12-14T09:36:00', 'reply');
      expect((await ticketRow(db, other, ticket.id)).escalation_at).toBeNull();

      await happen(ticket.id, '2026-12-14T15:00:00', 'customer_reply');
      await sweep('2026-12-14T15:23:59');
      expect((await typesOf(ticket.id)).filter((t) => t === 'sla_warning')).toHaveLength(1);
      await sweep('2026-12-14T15:24:00');
      await sweep('2026-12-14T15:25:00');
      await happen(ticket.id, '2026-12-14T15:26:00', 'reply');
      await sweep('2026-12-14T16:30:00');
      const types = await typesOf(ticket.id);
      expect(types.filter((t) => t === 'sla_warning')).toHaveLength(2);
      expect(types).not.toContain('sla_breach');
      const rows = await TenantScope.asTenant(other, () => asTickets(db).selectFrom('ticket_sla_alerts').selectAll().where('ticket_id', '=', ticket.id).execute());
      expect(rows.map((r) => new Date(r.run_started_at).getTime()).sort()).toEqual([bj('2026-12-14T09:10:00').getTime(), bj('2026-12-14T15:00:00').getTime()]);
    } finally {
      tenantId = own;
    }
  });

  it('keeps a merged ticket silent: no alerts, no auto-close, its timer cleared', async () => {
    const target = await insertTicket(db, tenantId, { createdAt: bj('2026-12-15T09:00:00'), status: 'open' });
    const merged = await insertTicket(db, tenantId, { createdAt: bj('2026-12-15T09:00:00'), status: 'resolved', resolvedAt: bj('2026-12-15T09:30:00'), firstRespondedAt: null });
    // Rigged: closed by a merge while a stale escalation time was left behind.
    await TenantScope.asTenant(tenantId, () =>
      asTickets(db).updateTable('tickets').set({ status: 'closed', closed_at: bj('2026-12-15T09:40:00'), merged_into_id: target.id, escalation_at: bj('2026-12-15T09:48:00') }).where('id', '=', merged.id).execute(),
    );
    await sweep('2026-12-23T10:00:00');
    const types = await typesOf(merged.id);
    for (const t of ['sla_warning', 'sla_breach', 'auto_closed', 'status_changed']) expect(types).not.toContain(t);
    expect(await ticketRow(db, tenantId, merged.id)).toMatchObject({ status: 'closed', escalation_at: null, breached: false });
    expect(nodes.flatMap((n) => n.alerts).filter((a) => a.ticketId === merged.id)).toEqual([]);
  });
});
