/**
 * The breach breakdown of bench/tickets.ts for a schema an earlier run kept (`--schema x --keep-schema`),
 * without re-running the month: `tsx tickets/breach-report.ts --schema x`. Prints markdown.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { breachBreakdown } from './simulation/breach-breakdown.js';
import { ReferenceCalendar } from './simulation/reference-sla.js';

const { values: args } = parseArgs({ options: { schema: { type: 'string' }, 'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' } } });
if (!args.schema || !/^[a-z0-9_]+$/.test(args.schema)) throw new Error('--schema <kept bench schema> is required');
const client = new pg.Client({ connectionString: args['database-url'] });
await client.connect();
await client.query(`set search_path to ${args.schema}`);
const tenant = (await client.query<{ id: string }>(`select id from tenants where slug = 'bench-shop'`)).rows[0]!;
const rows = (await client.query<{ id: string; key: string | null; created_at: Date }>(`select t.id, c.key, t.created_at from tickets t left join ticket_categories c on c.id = t.category_id where t.tenant_id = $1`, [tenant.id])).rows;
const events = (
  await client.query<{ ticket_id: string; type: string; actor_type: string; data: Record<string, unknown>; created_at: Date }>(
    `select ticket_id, type, actor_type, data, created_at from ticket_events where tenant_id = $1 and type in ('routed','assigned','group_changed','escalated','reply','reopened','sla_breach') order by ticket_id, seq`,
    [tenant.id],
  )
).rows;
const policies = (await client.query<{ category_keys: string[]; first_response_minutes: number | null }>(`select category_keys, first_response_minutes from sla_policies where tenant_id = $1 and active order by position`, [tenant.id])).rows;
const weekly = (await client.query<{ weekly_hours: Record<string, [string, string][]> }>(`select weekly_hours from business_calendars where tenant_id = $1 and is_default`, [tenant.id])).rows[0]!.weekly_hours;
await client.end();
const times = rows.map((r) => r.created_at.getTime());
const calendar = new ReferenceCalendar(weekly, Math.min(...times) - 2 * 86_400_000, Math.max(...times) + 60 * 86_400_000);
const lifeOf = new Map<string, { type: string; actorType: string; data: Record<string, unknown>; at: number }[]>();
for (const e of events) {
  const list = lifeOf.get(e.ticket_id) ?? [];
  list.push({ type: e.type, actorType: e.actor_type, data: e.data ?? {}, at: e.created_at.getTime() });
  lifeOf.set(e.ticket_id, list);
}
const lines = breachBreakdown(
  rows.map((r) => ({ id: r.id, categoryKey: r.key, createdAt: r.created_at.getTime(), events: lifeOf.get(r.id) ?? [] })),
  { isOpen: (ms) => calendar.isOpen(ms), firstResponseMinutes: (key) => policies.find((p) => p.category_keys.length === 0 || (key !== null && p.category_keys.includes(key)))?.first_response_minutes ?? null },
);
console.log(lines.join('\n'));
