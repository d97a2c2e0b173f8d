import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { AnalyticsRecorder } from './analytics-recorder.js';
import { BusinessSeconds } from './business-seconds.js';
import { TicketAnalytics } from './ticket-analytics.js';

const backends = await testBackends();

describe.each(backends)('ticket analytics (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  let analytics: TicketAnalytics;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('ticket-analytics');
    const db = t.app.zhida.database.db;
    analytics = new TicketAnalytics(db, new AnalyticsRecorder(db), new BusinessSeconds(new SlaCalendarCache()));
  });
  afterAll(() => t.close());

  const types = (ticketId: string) =>
    t.as(tenant, async () => {
      const { rows } = await sql<{ type: string }>`select type from analytics_events where tenant_id = ${tenant.id} and props->>'ticketId' = ${ticketId} order by type`.execute(t.app.zhida.database.db);
      return rows.map((r) => r.type);
    });

  it('records each measure once however often the ticket changes, and a later one when it happens', async () => {
    const service = t.app.zhida.tickets.service;
    const row = await t.as(tenant, () => service.create(tenant.id, { channel: 'api', description: '快递三天没动了' }, { type: 'api', id: null }));
    const changed = { tenantId: tenant.id, ticketId: row.id, visitorId: null, customerRef: null, eventType: 'created' as const };
    // The app's own listener records too, concurrently: together they still record once.
    await Promise.all([analytics.ticketChanged(changed), analytics.ticketChanged(changed)]);
    await analytics.ticketChanged(changed);
    expect((await types(row.id)).filter((x) => x === 'ticket.created')).toEqual(['ticket.created']);

    await t.as(tenant, () => service.reply(tenant.id, row.id, { body: '已收到，正在核实', internal: false, attachments: [] }, { type: 'api', id: null }));
    await analytics.ticketChanged({ ...changed, eventType: 'reply' });
    await analytics.ticketChanged({ ...changed, eventType: 'reply' });
    expect(await types(row.id)).toEqual(['ticket.created', 'ticket.first_response']);
  });
});
