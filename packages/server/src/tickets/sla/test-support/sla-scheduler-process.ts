// Test-only entry point (spawned by sla-scheduler-crash.test.ts): one "app node" that runs nothing
// but the SLA scheduler on the given database and prints every alert it fires as a JSON line, so
// the test can SIGKILL it between a warning and a breach. The environment is read here because
// this file is an entry point.
import { createDatabase } from '../../../db/create-database.js';
import { TenantScope } from '../../../db/tenant-scope.js';
import { DomainEvents } from '../../../events/domain-events.js';
import { SlaScheduler } from '../sla-scheduler.js';
import { TicketSlaClock } from '../ticket-sla-clock.js';
import { ALWAYS_OPEN, asTickets, insertCalendar, insertPolicy, insertTenant, insertTicket } from './sla-fixtures.js';

const env = process.env;
const database = await createDatabase({ databaseUrl: env.DATABASE_URL ?? null, databaseSchema: env.DATABASE_SCHEMA ?? 'public', dataDir: env.ZHIDA_DATA_DIR ?? null });
const sla = new TicketSlaClock();
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (env.SLA_SEED === '1') {
  // Business time = wall time; a 1-minute first response warns at 48 s and breaches at 60 s. Created
  // 46 s ago: the warning is 2 s away, the breach 14 s — the test kills this node in between.
  const db = database.db;
  const tenantId = await insertTenant(db);
  await insertCalendar(db, tenantId, { weeklyHours: ALWAYS_OPEN, followChinaHolidays: false, isDefault: true });
  await insertPolicy(db, tenantId, { name: '一分钟', firstResponse: 1 });
  const now = new Date();
  const ticket = await insertTicket(db, tenantId, { createdAt: new Date(now.getTime() - 46_000), status: 'open' });
  await TenantScope.asTenant(tenantId, () => asTickets(db).transaction().execute((trx) => sla.recompute(trx, ticket, now)));
  say({ seeded: { tenantId, ticketId: ticket.id } });
}

const events = new DomainEvents();
events.on('ticket.sla_alert', (alert) => say({ alert, at: new Date().toISOString() }));
const scheduler = new SlaScheduler(database.db, sla, events, { pollMs: 100, log: { error: (obj, msg) => process.stderr.write(`${msg} ${String((obj as { err?: unknown }).err)}\n`) } });
scheduler.start();
say({ ready: true, pid: process.pid });

process.on('SIGTERM', () => {
  void scheduler
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
