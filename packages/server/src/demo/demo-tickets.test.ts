import { loadTemplate } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketDatabase } from '../tickets/ticket-schema.js';
import { TestApp } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { seedDemoTicketDesk, seedDemoTickets } from './demo-tickets.js';

const backends = await testBackends();

describe.each(backends)('the demo ticket desk (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(backend);
  });
  afterAll(() => t.close());

  it('puts the agents into groups and seeds tickets in every state, once', async () => {
    const tenant = await t.createTenant('demo-desk');
    const { ticketCategories } = await loadTemplate('telecom');
    const seed = async () => {
      await seedDemoTicketDesk(t.app.zhida.database.db, tenant.id, ticketCategories);
      await seedDemoTickets(t.app.zhida.database.db, t.app.zhida.tickets, tenant.id, 'telecom', ticketCategories);
    };
    await seed();
    await seed();
    const db = ticketDatabase(t.app.zhida.database.db);
    const tickets = await t.as(tenant, () => db.selectFrom('tickets').select(['status', 'group_id', 'assignee_id']).where('tenant_id', '=', tenant.id).execute());
    expect(tickets.map((r) => r.status).sort()).toEqual(['closed', 'new', 'open', 'pending_customer', 'resolved']);
    expect(tickets.every((r) => r.group_id !== null)).toBe(true);
    const members = await t.as(tenant, () => db.selectFrom('agent_group_members').select(['user_id', 'is_supervisor']).where('tenant_id', '=', tenant.id).execute());
    expect(members.some((m) => m.user_id === tenant.users.agent.id && !m.is_supervisor)).toBe(true);
    expect(members.some((m) => m.user_id === tenant.users.admin.id && m.is_supervisor)).toBe(true);
  });
});
