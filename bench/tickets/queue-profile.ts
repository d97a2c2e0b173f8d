/**
 * Where a queue page's time goes, on a queue kept by `npm run bench:tickets -- --queue-only --schema S --keep-schema`:
 *
 *   npx tsx bench/tickets/queue-profile.ts --schema S [--reps 20] [--grow-to 10000] [--explain]
 *
 * `--grow-to N` first copies the kept queue's tickets (with their events and search tokens) until the
 * tenant holds about N: copy k is the original moved k × 31 days back, with a new id and number, and a
 * copy of a still-open ticket is closed (an old ticket in a live queue is done). Then VACUUM ANALYZE.
 *
 * Times the whole request (`app.inject`), the page query, the count, and the DTOs (SLA clocks) apart,
 * and prints EXPLAIN ANALYZE of the page and count queries as the app sends them.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { TenantScope } from '../../packages/server/src/db/tenant-scope.js';
import { buildApp } from '../../packages/server/src/app/build-app.js';
import { testConfig } from '../../packages/server/src/test-support/test-app.js';
import { ticketQueryTokens } from '../../packages/server/src/tickets/ticket-search-text.js';
import type { TicketListFilter } from '../../packages/server/src/tickets/ticket-repository.js';

const { values: args } = parseArgs({ options: { schema: { type: 'string' }, reps: { type: 'string', default: '20' }, 'grow-to': { type: 'string', default: '0' }, 'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' }, explain: { type: 'boolean', default: false } } });
if (!args.schema) throw new Error('--schema is required');
const REPS = Number(args.reps);
// Counts the statements sent to PostgreSQL: under load each round trip costs more than its SQL.
let statements = 0;
const captured: { text: string; values: unknown[] }[] = [];
const sent: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text;
  if (text) sent.push(text.slice(0, 160));
  const values = Array.isArray(a[1]) ? a[1] : (a[0] as { values?: unknown[] })?.values;
  if (text && /^select "t"\.\*|^select count/.test(text)) captured.push({ text, values: values ?? [] });
  return (query as (...x: unknown[]) => unknown).apply(this, a);
} as typeof query;
if (Number(args['grow-to']) > 0) await growQueue(Number(args['grow-to']));
const app = await buildApp(testConfig('postgres', { databaseUrl: args['database-url'], databaseSchema: args.schema }));
await app.ready();
const db = app.zhida.database.db;
const tenant = await TenantScope.asSystem(() => db.selectFrom('tenants').select('id').where('slug', '=', 'bench-shop').executeTakeFirstOrThrow());
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: 'bench-shop', email: 'admin@bench-shop.test', password: 'bench password 13' } });
const cookie = login.cookies.find((c) => c.name === 'zhida_session')!;
const headers = { cookie: `zhida_session=${cookie.value}` };
const service = app.zhida.tickets.service;
// The repository and DTO builder behind the service, to time them apart.
const repo = (service as unknown as { repo: import('../../packages/server/src/tickets/ticket-repository.js').TicketRepository }).repo;

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!.toFixed(1);
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const base = '/api/v1/tickets?queue=all&limit=50';
let cursor: string | null = null;
for (let page = 1; page <= 20; page++) {
  cursor = ((await app.inject({ method: 'GET', url: `${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers })).json() as { nextCursor: string | null }).nextCursor;
  if (cursor === null) break;
}
const cases: { name: string; url: string; q?: string }[] = [
  { name: 'first page', url: base },
  ...(cursor === null ? [] : [{ name: 'page 21', url: `${base}&cursor=${encodeURIComponent(cursor)}` }]),
  { name: 'q=退款', url: `${base}&q=${encodeURIComponent('退款')}`, q: '退款' },
  { name: 'phone', url: `${base}&q=13811100042`, q: '13811100042' },
  { name: 'unassigned', url: '/api/v1/tickets?queue=unassigned&limit=50' },
  { name: 'due_soon', url: '/api/v1/tickets?queue=due_soon&limit=50' },
];
for (const c of cases) {
  const whole = await time(() => app.inject({ method: 'GET', url: c.url, headers }));
  statements = 0;
  sent.length = 0;
  await app.inject({ method: 'GET', url: c.url, headers });
  const perRequest = statements;
  if (c.name === 'first page') console.log(sent.join('\n'));
  const filter: TicketListFilter = { queue: c.name === 'unassigned' ? 'unassigned' : c.name === 'due_soon' ? 'due_soon' : 'all', userId: null, tokens: c.q ? ticketQueryTokens(c.q) : undefined, now: new Date() };
  const listed = await TenantScope.asTenant(tenant.id, () => repo.list(tenant.id, filter, { limit: 50 }));
  const page = await time(() => TenantScope.asTenant(tenant.id, () => repo.list(tenant.id, filter, { limit: 50 })));
  const dtos = await time(() => TenantScope.asTenant(tenant.id, () => service.dto.summaries(tenant.id, listed.rows, new Date())));
  console.log(`${c.name.padEnd(12)} ${perRequest} statements, total ${String(listed.total).padStart(6)}  whole p50 ${p(whole, 0.5)} p95 ${p(whole, 0.95)} | repo.list p50 ${p(page, 0.5)} p95 ${p(page, 0.95)} | dtos p50 ${p(dtos, 0.5)} p95 ${p(dtos, 0.95)}`);
}
if (args.explain) {
  // The page and count statements of the first page and of the search, as the app sent them.
  captured.length = 0;
  await app.inject({ method: 'GET', url: base, headers });
  await app.inject({ method: 'GET', url: `${base}&q=${encodeURIComponent('退款')}`, headers });
  await TenantScope.asTenant(tenant.id, async () => {
    for (const q of captured) {
      const { rows } = await db.executeQuery<Record<string, string>>({ sql: `explain (analyze, buffers) ${q.text}`, parameters: q.values, query: { kind: 'RawNode' } } as never);
      console.log(`\n${q.text.slice(0, 120)}…\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  });
}
await app.close();

/** `--grow-to`: copies of the kept queue, older by 31 days each, until the tenant holds about `target` tickets. */
async function growQueue(target: number): Promise<void> {
  // The superuser connection bypasses row-level security: this is the bench's own setup, not the app's path.
  const client = new pg.Client({ connectionString: args['database-url'], options: `-c search_path="${args.schema}"` });
  await client.connect();
  try {
    const have = Number((await client.query('select count(*)::int as n from tickets')).rows[0].n);
    const copies = Math.max(0, Math.ceil(target / have) - 1);
    await client.query('begin');
    await client.query(`create temp table copy_map on commit drop as select t.id as old_id, gen_random_uuid() as new_id, k, make_interval(days => 31 * k) as shift from tickets t, generate_series(1, $1::int) k`, [copies]);
    await client.query(`insert into tickets (id, tenant_id, number, subject, description, status, priority, category_id, group_id, assignee_id, needs_triage, channel, customer_ref, customer_tier, contact_name, contact_phone, contact_email, fields, classification, sla_policy_id, first_responded_at, resolved_at, closed_at, breached, search_text, created_at, updated_at)
      select m.new_id, t.tenant_id, t.number || '-' || m.k, t.subject, t.description, case when t.status = 'resolved' then 'resolved' else 'closed' end, t.priority, t.category_id, t.group_id, t.assignee_id, false, t.channel, t.customer_ref, t.customer_tier, t.contact_name, t.contact_phone, t.contact_email, t.fields, t.classification, t.sla_policy_id,
        t.first_responded_at - m.shift, coalesce(t.resolved_at, t.updated_at) - m.shift, case when t.status = 'resolved' then null else coalesce(t.closed_at, t.updated_at) - m.shift end, t.breached, t.search_text, t.created_at - m.shift, t.updated_at - m.shift
      from tickets t join copy_map m on m.old_id = t.id`);
    await client.query(`insert into ticket_events (id, tenant_id, ticket_id, seq, type, actor_type, actor_id, public, body, data, created_at)
      select gen_random_uuid(), e.tenant_id, m.new_id, e.seq, e.type, e.actor_type, e.actor_id, e.public, e.body, e.data, e.created_at - m.shift from ticket_events e join copy_map m on m.old_id = e.ticket_id`);
    await client.query(`insert into ticket_search_tokens (tenant_id, ticket_id, token) select s.tenant_id, m.new_id, s.token from ticket_search_tokens s join copy_map m on m.old_id = s.ticket_id`);
    await client.query('commit');
    await client.query('vacuum analyze tickets, ticket_events, ticket_search_tokens, ticket_sla_alerts');
    console.log(`grew the queue from ${have} to ${have * (copies + 1)} tickets (${copies} copies)`);
  } finally {
    await client.end();
  }
}
