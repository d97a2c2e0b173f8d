/**
 * Analytics dashboard benchmark (issue #17): one tenant with about a million analytics events
 * (13 months of simulated conversations and tickets on the e-commerce template, recorded through
 * the product's AnalyticsRecorder day by day, so the rollups are the ones the product writes), then
 * the full dashboard request — `GET /api/v1/analytics/dashboard` through `app.inject` as a signed-in
 * analyst, auth and JSON included — timed for several ranges and filters. Bar: p95 ≤ 1 s.
 * Writes results/analytics.md (or results/<out>).
 *
 *   npm run bench:analytics                               # PostgreSQL at DATABASE_URL or 127.0.0.1:5432/test, then PGlite
 *   npm run bench:analytics -- --backend postgres         # one backend
 *   npm run bench:analytics -- --scale 0.3 --no-write     # a quick look (~90k events)
 *
 * Baseline in the same run: the same totals computed by scanning the raw events of the range (one
 * GROUP BY over analytics_events) — what the dashboard would cost without rollups.
 * PostgreSQL runs in a fresh schema `bench_analytics_<random>`, dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadTemplate } from '@zhida/templates';
import { sql } from 'kysely';
import { TenantScope } from '../packages/server/src/db/tenant-scope.js';
import { seedDemoAnalyticsHistory } from '../packages/server/src/demo/demo-analytics-history.js';
import { seedDemoChatDesk } from '../packages/server/src/demo/demo-chat-desk.js';
import { seedDemoTicketDesk } from '../packages/server/src/demo/demo-tickets.js';
import { buildApp, type ZhidaApp } from '../packages/server/src/app/build-app.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { testConfig } from '../packages/server/src/test-support/test-app.js';
import { dropSchema } from './report/drop-schema.js';
import { writeResults } from './report/write-results.js';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    days: { type: 'string', default: '395' },
    scale: { type: 'string', default: '3.4' },
    reps: { type: 'string', default: '20' },
    'no-write': { type: 'boolean', default: false },
    out: { type: 'string', default: 'analytics.md' },
    // Keep the PostgreSQL schema for EXPLAIN ANALYZE; reuse one kept earlier instead of recording again.
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});

const DAYS = Number(args.days);
const SCALE = Number(args.scale);
const REPS = Number(args.reps);
const PASSWORD = 'bench-analytics-pw';
const log = (line: string) => console.error(`[bench:analytics] ${line}`);

interface Timing {
  label: string;
  p50: number;
  p95: number;
  max: number;
}

interface BackendResult {
  backend: string;
  events: number;
  rollupRows: number;
  monthlyRows: number;
  conversations: number;
  loadSeconds: number;
  timings: Timing[];
  baseline: Timing[];
  loadAvg: number[];
}

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function stats(label: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { label, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function run(backend: 'postgres' | 'pglite'): Promise<BackendResult> {
  const schema = args.reuse ?? `bench_analytics_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const config = testConfig(backend, backend === 'postgres' ? { databaseUrl: args['database-url'], databaseSchema: schema } : {});
  if (backend === 'postgres') log(`schema ${schema}`);
  const app: ZhidaApp = await buildApp(config);
  await app.ready();
  try {
    const services = app.zhida;
    const reused = args.reuse ? await services.tenants.findBySlug('bench-shop') : null;
    const tenant = reused ?? (await new TenantProvisioner(services).create({ slug: 'bench-shop', name: '基准商城', template: 'ecommerce', users: [{ email: 'analyst@bench.test', name: '分析师', role: 'analyst', password: PASSWORD }] }));
    const started = performance.now();
    let events = 0;
    if (reused) {
      events = Number((await TenantScope.asTenant(tenant.id, () => sql<{ n: number }>`select count(*)::int as n from analytics_events where tenant_id = ${tenant.id}`.execute(services.database.db))).rows[0]!.n);
    } else {
      const template = await loadTemplate('ecommerce');
      await seedDemoTicketDesk(services.database.db, tenant.id, template.ticketCategories);
      await seedDemoChatDesk(services.database.db, services.users, tenant.id, 'ecommerce', template.cannedReplies, PASSWORD);
      const botConfig = await TenantScope.asTenant(tenant.id, () => services.botConfigs.get({ tenantId: tenant.id }));
      if (!botConfig) throw new Error('no bot config');
      events = await seedDemoAnalyticsHistory(services.database.db, tenant.id, `bench-${backend}`, botConfig, {
        days: DAYS,
        scale: SCALE,
        onDay: (day, total) => {
          if (day % 30 === 0) log(`${backend}: day ${day}/${DAYS}, ${total} events, ${Math.round((performance.now() - started) / 1000)} s`);
        },
      });
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const counts = await TenantScope.asTenant(tenant.id, async () => {
      const db = services.database.db;
      const one = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${tenant.id}`.execute(db)).rows[0]!.n);
      return { rollupRows: await one('analytics_daily'), monthlyRows: await one('analytics_monthly'), conversations: await one('analytics_conversations') };
    });
    log(`${backend}: ${events} events in ${Math.round(loadSeconds)} s; ${counts.rollupRows} daily, ${counts.monthlyRows} monthly rollup rows`);
    if (backend === 'postgres') await sql`analyze`.execute(services.database.db);

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: 'bench-shop', email: 'analyst@bench.test', password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'zhida_session')!;
    const headers = { cookie: `zhida_session=${cookie.value}` };
    const groups = await TenantScope.asTenant(tenant.id, () => sql<{ id: string }>`select id from agent_groups where tenant_id = ${tenant.id} and handles_chat order by name limit 1`.execute(services.database.db));
    const today = Date.now();
    const yesterday = shanghaiDay(today - 86_400_000);
    const ranges: [string, string][] = [
      ['last 30 days', `from=${shanghaiDay(today - 30 * 86_400_000)}&to=${yesterday}`],
      ['13 months (the longest allowed)', `from=${shanghaiDay(today - DAYS * 86_400_000)}&to=${yesterday}`],
      ['13 months, channel = h5', `from=${shanghaiDay(today - DAYS * 86_400_000)}&to=${yesterday}&channel=h5`],
      ['13 months, one group', `from=${shanghaiDay(today - DAYS * 86_400_000)}&to=${yesterday}&groupId=${groups.rows[0]?.id ?? ''}`],
      ['13 months, one flow', `from=${shanghaiDay(today - DAYS * 86_400_000)}&to=${yesterday}&flow=ecommerce.return`],
    ];
    const timings: Timing[] = [];
    for (const [label, query] of ranges) {
      const samples: number[] = [];
      for (let i = 0; i < REPS + 2; i++) {
        const t0 = performance.now();
        const res = await app.inject({ url: `/api/v1/analytics/dashboard?${query}`, headers });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        if (i >= 2) samples.push(ms); // two warm-up requests
      }
      timings.push(stats(label, samples));
      log(`${backend}: ${label}: p50 ${Math.round(timings.at(-1)!.p50)} ms, p95 ${Math.round(timings.at(-1)!.p95)} ms`);
    }
    // The baseline: the same totals from the raw events of the 13-month range.
    const from = shanghaiDay(today - DAYS * 86_400_000);
    const baselineSamples: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(REPS / 4)); i++) {
      const t0 = performance.now();
      await TenantScope.asTenant(tenant.id, () =>
        sql`select type, outcome, count(*), sum(value) from analytics_events where tenant_id = ${tenant.id} and day >= ${from} and day <= ${yesterday} group by type, outcome`.execute(services.database.db),
      );
      baselineSamples.push(performance.now() - t0);
    }
    const baseline = [stats('raw-event scan, 13 months, totals only (no breakdowns)', baselineSamples)];
    log(`${backend}: baseline p50 ${Math.round(baseline[0]!.p50)} ms`);
    return { backend, events, ...counts, loadSeconds, timings, baseline, loadAvg: os.loadavg() };
  } finally {
    await app.close();
    if (backend === 'postgres' && !args.keep && !args.reuse) await dropSchema(args['database-url'], schema);
    else if (backend === 'postgres') log(`kept schema ${schema}`);
  }
}

const backends: ('postgres' | 'pglite')[] = args.backend === 'both' ? ['postgres', 'pglite'] : [args.backend as 'postgres' | 'pglite'];
const results: BackendResult[] = [];
const loadBefore = os.loadavg();
for (const backend of backends) results.push(await run(backend));

const ms = (v: number) => `${Math.round(v)} ms`;
const lines = [
  '# bench:analytics — the 数据看板 at a million events',
  '',
  `Date: ${new Date().toISOString()} · machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB · Node ${process.version}`,
  `Load average (1/5/15 min) before the run: ${loadBefore.map((v) => v.toFixed(1)).join(' / ')} — the machine is shared with other engineers' builds and tests, so absolute times are pessimistic.`,
  `Command: \`npm run bench:analytics -- --days ${DAYS} --scale ${SCALE} --reps ${REPS}${args.backend === 'both' ? '' : ` --backend ${args.backend}`}\``,
  '',
  'One e-commerce tenant, 13 months of simulated conversations and tickets (demo simulator `packages/server/src/demo/demo-analytics-history.ts`),',
  'recorded through `AnalyticsRecorder` day by day (events appended and rolled up in the same transaction). The timed request is the',
  'whole dashboard (`GET /api/v1/analytics/dashboard`, every section) through `app.inject` as a signed-in analyst; 2 warm-up requests, then',
  `${REPS} timed. Bar: p95 ≤ 1 s. No tuning was done against this benchmark.`,
  '',
];
for (const r of results) {
  lines.push(`## ${r.backend === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}`, '');
  lines.push(`${r.events.toLocaleString('en')} events, ${r.conversations.toLocaleString('en')} conversations, ${r.rollupRows.toLocaleString('en')} daily and ${r.monthlyRows.toLocaleString('en')} monthly rollup rows; recording took ${Math.round(r.loadSeconds)} s. Load average after: ${r.loadAvg.map((v) => v.toFixed(1)).join(' / ')}.`, '');
  lines.push('| dashboard request | p50 | p95 | max | ≤ 1 s at p95 |', '|---|---|---|---|---|');
  for (const t of r.timings) lines.push(`| ${t.label} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} | ${t.p95 <= 1000 ? 'yes' : '**no**'} |`);
  lines.push('', '| baseline in the same run | p50 | p95 | max |', '|---|---|---|---|');
  for (const t of r.baseline) lines.push(`| ${t.label} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`);
  lines.push('');
}
writeResults(args.out, lines.join('\n'), { noWrite: args['no-write'], log });
