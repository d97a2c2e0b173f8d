/**
 * The queue page on PGlite: a tenant with `--tickets` tickets (10 % open with stored deadlines and a
 * few clock events each, the rest closed), made by SQL in an in-memory PGlite with the app's
 * migrations; times the whole request (`app.inject`) and prints EXPLAIN ANALYZE of the page and
 * count statements as the app sends them (captured by a Kysely plugin on the app's database).
 *
 *   npx tsx bench/tickets/queue-explain-pglite.ts [--tickets 10000] [--reps 20]
 */
import { parseArgs } from 'node:util';
import { sql, type CompiledQuery, type QueryResult } from 'kysely';
import { TenantScope } from '../../packages/server/src/db/tenant-scope.js';
import { TestApp } from '../../packages/server/src/test-support/test-app.js';

const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '10000' }, reps: { type: 'string', default: '20' }, 'no-analyze': { type: 'boolean', default: false } } });
const TICKETS = Number(args.tickets);
const REPS = Number(args.reps);

const t = await TestApp.start('pglite');
const tenant = await t.createTenant('pglite-queue');
const db = t.app.zhida.database.db;
await t.system(async () => {
  await sql`insert into agent_groups (id, tenant_id, name) values (gen_random_uuid(), ${tenant.id}, '售后服务部')`.execute(db);
  await sql`insert into sla_policies (id, tenant_id, name, position, first_response_minutes, next_response_minutes, resolution_minutes)
    values (gen_random_uuid(), ${tenant.id}, '标准', 0, 60, 120, 480)`.execute(db);
  await sql`insert into tickets (id, tenant_id, number, subject, description, status, priority, group_id, assignee_id, channel, contact_phone, search_text, first_response_due_at, resolution_due_at, escalation_at, created_at, updated_at)
    select gen_random_uuid(), ${tenant.id}, 'GD' || lpad(i::text, 8, '0'), '退款：第 ' || i || ' 张工单', '退款还没到账 ' || i,
      case when i % 10 = 0 then 'open' else 'closed' end, 'P3', (select id from agent_groups where tenant_id = ${tenant.id}), ${tenant.users.agent.id}, 'widget',
      '138' || lpad(i::text, 8, '1'), ' 退款 到账 ',
      case when i % 10 = 0 then now() + interval '2 hours' end, case when i % 10 = 0 then now() + interval '8 hours' end, case when i % 10 = 0 then now() + interval '1 hour' end,
      now() - make_interval(mins => ${TICKETS} - i), now() - make_interval(mins => ${TICKETS} - i)
    from generate_series(1, ${TICKETS}) i`.execute(db);
  await sql`insert into ticket_events (id, tenant_id, ticket_id, seq, type, actor_type, data, created_at)
    select gen_random_uuid(), t.tenant_id, t.id, s, case when s = 1 then 'created' else 'status_changed' end, 'system', '{}'::jsonb, t.created_at
    from tickets t, generate_series(1, 3) s where t.tenant_id = ${tenant.id}`.execute(db);
  // PGlite runs no autovacuum: without this the planner knows nothing of the 10,000 rows.
  if (!args['no-analyze']) await sql`analyze`.execute(db);
  const { rows } = await sql<{ reltuples: number }>`select reltuples from pg_class where relname = 'tickets'`.execute(db);
  console.log(`pg_class.reltuples for tickets: ${rows[0]?.reltuples}`);
});

// The statements the app sends while `capturing` is set, as compiled (the page, count and SLA reads).
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
let capturing = false;
const executor = db.getExecutor();
const original = executor.executeQuery.bind(executor);
(executor as unknown as { executeQuery: (compiled: CompiledQuery) => Promise<QueryResult<unknown>> }).executeQuery = (compiled: CompiledQuery) => {
  if (capturing) captured.push({ sql: compiled.sql, parameters: compiled.parameters });
  return original(compiled);
};

const agent = await t.login(tenant, 'agent');
const url = '/api/v1/tickets?queue=all&limit=50';
const times: number[] = [];
await t.app.inject({ method: 'GET', url, headers: agent.headers });
for (let i = 0; i < REPS; i++) {
  const t0 = performance.now();
  const res = await t.app.inject({ method: 'GET', url, headers: agent.headers });
  times.push(performance.now() - t0);
  if (res.statusCode !== 200) throw new Error(res.body);
}
const p = (q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
console.log(`PGlite, ${TICKETS} tickets: first page whole request p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (${REPS} reps)`);

capturing = true;
await t.app.inject({ method: 'GET', url, headers: agent.headers });
capturing = false;
console.log(`${captured.length} statements through the app's Kysely for one first page`);
await TenantScope.asTenant(tenant.id, async () => {
  for (const q of captured.filter((c) => /^select ("t"\.\*|count|\s*\(select json_agg\(p\))/.test(c.sql.trim()))) {
    const { rows } = await db.executeQuery<Record<string, string>>({ sql: `explain analyze ${q.sql}`, parameters: q.parameters, query: { kind: 'RawNode' } } as never);
    console.log(`\n${q.sql.slice(0, 110).replace(/\s+/g, ' ')}…\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
  }
});
await t.close();
