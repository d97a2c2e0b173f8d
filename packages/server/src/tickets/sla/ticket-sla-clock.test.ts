import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant-scope.js';
import { testBackends } from '../../test-support/test-backends.js';
import { appendTicketEvent } from '../ticket-event-log.js';
import type { TicketRow } from '../ticket-schema.js';
import { asTickets, eventsOf, insertCalendar, insertGroup, insertPolicy, insertTenant, insertTicket, OFFICE_WEEK, openTestDatabase, ticketRow } from './test-support/sla-fixtures.js';
import { TicketSlaClock } from './ticket-sla-clock.js';

const backends = await testBackends();
const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(backends)('TicketSlaClock on %s', (backend) => {
  let close: () => Promise<void>;
  let db: Kysely<Database>;
  let tenantId: string;
  const sla = new TicketSlaClock();

  const recompute = (ticket: TicketRow, now: Date) => TenantScope.asTenant(tenantId, () => asTickets(db).transaction().execute((trx) => sla.recompute(trx, ticket, now)));
  const applied = async (id: string) => (await eventsOf(db, tenantId, id)).filter((e) => e.type === 'sla_applied');

  beforeAll(async () => {
    const opened = await openTestDatabase(backend);
    close = opened.close;
    db = opened.handle.db;
    tenantId = await insertTenant(db);
    await insertCalendar(db, tenantId, { weeklyHours: OFFICE_WEEK, isDefault: true, name: '默认' });
    await insertPolicy(db, tenantId, { name: '紧急', position: 0, priorities: ['P1'], firstResponse: 30, resolution: 120 });
    await insertPolicy(db, tenantId, { name: '标准', position: 1, firstResponse: 60, nextResponse: 120, resolution: 480 });
  });
  afterAll(() => close());

  it('writes the deadlines, the warning point as escalation_at, and sla_applied once', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-07T11:30:00') });
    await recompute(ticket, bj('2026-12-07T11:31:00'));
    const row = await ticketRow(db, tenantId, ticket.id);
    // 标准: first response 60 min over lunch → 14:00 (warning 13:48); resolution 480 → Mon 30 + 270, Tue 180 → Tue 12:00.
    expect(row.first_response_due_at).toEqual(bj('2026-12-07T14:00:00'));
    expect(row.resolution_due_at).toEqual(bj('2026-12-08T12:00:00'));
    expect(row.next_response_due_at).toBeNull();
    expect(row.escalation_at).toEqual(bj('2026-12-07T13:48:00'));
    expect(row.breached).toBe(false);
    const first = await applied(ticket.id);
    expect(first).toHaveLength(1);
    expect(first[0]!.data).toMatchObject({ policyName: '标准', firstResponseDueAt: bj('2026-12-07T14:00:00').toISOString() });
    await recompute(row, bj('2026-12-07T11:40:00'));
    expect(await applied(ticket.id)).toHaveLength(1);
  });

  it('follows a policy change mid-way (the priority was raised to P1)', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-07T09:00:00') });
    await recompute(ticket, bj('2026-12-07T09:00:00'));
    await TenantScope.asTenant(tenantId, () => asTickets(db).updateTable('tickets').set({ priority: 'P1' }).where('id', '=', ticket.id).execute());
    await recompute(await ticketRow(db, tenantId, ticket.id), bj('2026-12-07T10:00:00'));
    const row = await ticketRow(db, tenantId, ticket.id);
    // 紧急: resolution 120 from 09:00 → 11:00; first response 30 → 09:30, already late at 10:00.
    expect(row.resolution_due_at).toEqual(bj('2026-12-07T11:00:00'));
    expect(row.first_response_due_at).toEqual(bj('2026-12-07T09:30:00'));
    expect(row.breached).toBe(true);
    // The first-response warning (09:24) has not fired yet: the scheduler must look now.
    expect(row.escalation_at).toEqual(bj('2026-12-07T09:24:00'));
    const events = await applied(ticket.id);
    expect(events.map((e) => e.data.policyName)).toEqual(['标准', '紧急']);
  });

  it('pauses in pending_customer: no stored deadline while waiting, the rest of the budget after', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-07T09:00:00'), status: 'pending_customer', firstRespondedAt: bj('2026-12-07T09:30:00') });
    await TenantScope.asTenant(tenantId, async () => {
      await appendTicketEvent(asTickets(db), { tenantId, ticketId: ticket.id, type: 'status_changed', actorType: 'agent', data: { from: 'new', to: 'open' }, at: bj('2026-12-07T09:30:00') });
      await appendTicketEvent(asTickets(db), { tenantId, ticketId: ticket.id, type: 'status_changed', actorType: 'agent', data: { from: 'open', to: 'pending_customer' }, at: bj('2026-12-07T10:00:00') });
    });
    await recompute(ticket, bj('2026-12-07T15:00:00'));
    let row = await ticketRow(db, tenantId, ticket.id);
    expect(row.resolution_due_at).toBeNull();
    expect(row.escalation_at).toBeNull();
    const clocks = await TenantScope.asTenant(tenantId, () => sla.clocks(asTickets(db), row, bj('2026-12-07T15:00:00')));
    expect(clocks.find((c) => c.clock === 'resolution')).toMatchObject({ state: 'paused', businessMinutesLeft: 420 });
    expect(clocks.find((c) => c.clock === 'first_response')).toMatchObject({ state: 'met', metAt: bj('2026-12-07T09:30:00').toISOString() });

    // Answered on Tuesday 09:00 (and the customer's reply asks for a next response): 420 min left → 180 before lunch + 240 after → Tue 17:30.
    await TenantScope.asTenant(tenantId, async () => {
      await appendTicketEvent(asTickets(db), { tenantId, ticketId: ticket.id, type: 'customer_reply', actorType: 'customer', at: bj('2026-12-08T09:00:00') });
      await appendTicketEvent(asTickets(db), { tenantId, ticketId: ticket.id, type: 'status_changed', actorType: 'customer', data: { from: 'pending_customer', to: 'open' }, at: bj('2026-12-08T09:00:00') });
      await asTickets(db).updateTable('tickets').set({ status: 'open' }).where('id', '=', ticket.id).execute();
    });
    row = await ticketRow(db, tenantId, ticket.id);
    await recompute(row, bj('2026-12-08T09:01:00'));
    row = await ticketRow(db, tenantId, ticket.id);
    expect(row.resolution_due_at).toEqual(bj('2026-12-08T17:30:00'));
    expect(row.next_response_due_at).toEqual(bj('2026-12-08T11:00:00'));
    // Next response warns first: 80 % of 120 = 96 min → 10:36.
    expect(row.escalation_at).toEqual(bj('2026-12-08T10:36:00'));
    const text = await TenantScope.asTenant(tenantId, () => sla.expectation(asTickets(db), row, bj('2026-12-07T20:00:00')));
    expect(text).toBe('预计明天 11:00 前处理');
  });

  it("uses the group's calendar over the tenant default, and the policy's over both", async () => {
    // The group works Saturdays 09:00–12:00 too.
    const saturdays = await insertCalendar(db, tenantId, { weeklyHours: { ...OFFICE_WEEK, '6': [['09:00', '12:00']] }, followChinaHolidays: false });
    const group = await insertGroup(db, tenantId, { calendarId: saturdays });
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-11T17:30:00'), groupId: group });
    await recompute(ticket, bj('2026-12-11T17:30:00'));
    // 60 min: 30 on Friday, 30 on Saturday morning.
    expect((await ticketRow(db, tenantId, ticket.id)).first_response_due_at).toEqual(bj('2026-12-12T09:30:00'));
    const plain = await insertTicket(db, tenantId, { createdAt: bj('2026-12-11T17:30:00') });
    await recompute(plain, bj('2026-12-11T17:30:00'));
    expect((await ticketRow(db, tenantId, plain.id)).first_response_due_at).toEqual(bj('2026-12-14T09:30:00'));
  });

  it('sets the auto-close time of a resolved ticket and clears it once closed', async () => {
    const ticket = await insertTicket(db, tenantId, { createdAt: bj('2026-12-07T09:00:00'), status: 'resolved', resolvedAt: bj('2026-12-07T10:00:00') });
    await recompute(ticket, bj('2026-12-07T10:00:00'));
    expect((await ticketRow(db, tenantId, ticket.id)).escalation_at).toEqual(bj('2026-12-14T10:00:00'));
    await recompute({ ...ticket, status: 'closed' }, bj('2026-12-07T10:00:00'));
    expect((await ticketRow(db, tenantId, ticket.id)).escalation_at).toBeNull();
  });
});
