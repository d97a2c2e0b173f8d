import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantScope } from '../db/tenant-scope.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { ANALYTICS_EVENT_TYPES, type AnalyticsEventInput } from './analytics-event.js';
import { BREAKDOWN_METRICS, RollupReader } from './rollup-reader.js';

const backends = await testBackends();

/** A small deterministic PRNG (mulberry32): each seed is one reproducible random sequence. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(r: () => number, x: T): T | null => (r() < 0.5 ? x : null);

function randomEvent(r: () => number, groups: string[], agents: string[]): AnalyticsEventInput {
  // Times around Shanghai midnight too, so the day boundary (UTC 16:00) is crossed both ways.
  const occurredAt = new Date(Date.UTC(2026, 10, 28) + Math.floor(r() * 6 * 86_400_000));
  const flow = maybe(r, pick(r, ['ecommerce.return', 'finance.card_loss']));
  return {
    type: pick(r, ANALYTICS_EVENT_TYPES),
    occurredAt,
    channel: pick(r, ['web', 'app', '']),
    template: pick(r, ['ecommerce', 'finance']),
    intent: maybe(r, pick(r, ['查物流', '退货', '挂失'])),
    flow,
    step: flow ? maybe(r, pick(r, ['ask_order', 'confirm', 'verify_sms'])) : null,
    faqId: maybe(r, pick(r, ['faq-1', 'faq-2'])),
    agentId: maybe(r, pick(r, agents)),
    groupId: maybe(r, pick(r, groups)),
    outcome: maybe(r, pick(r, ['answered', 'fallback', 'human', '5', 'anger'])),
    value: maybe(r, Math.round(r() * 1000) / 10),
    props: r() < 0.3 ? { question: pick(r, ['我的快递到哪了 13812345678', '怎么退货', '卡丢了']), unanswered: true } : {},
  };
}

type Cell = { key: string; count: number; total: number };

describe.each(backends)('daily rollups (%s)', (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    a = await t.createTenant('rollup-a');
    b = await t.createTenant('rollup-b');
  });
  afterAll(() => t.close());

  const rollups = (tenantId: string): Promise<Cell[]> =>
    TenantScope.asTenant(tenantId, async () => {
      const { rows } = await sql<{ day: string; channel: string; template: string; group_key: string; dim_kind: string; dim_key: string; metric: string; count: string | number; total: string | number }>`
        select day::text as day, channel, template, group_key, dim_kind, dim_key, metric, count, total from analytics_daily where tenant_id = ${tenantId}`.execute(t.app.zhida.database.db);
      return rows.map((x) => ({ key: [x.day, x.channel, x.template, x.group_key, x.dim_kind, x.dim_key, x.metric].join('|'), count: Number(x.count), total: Number(x.total) })).sort((p, q) => p.key.localeCompare(q.key));
    });

  const monthlyRollups = (tenantId: string): Promise<Cell[]> =>
    TenantScope.asTenant(tenantId, async () => {
      const { rows } = await sql<{ month: string; channel: string; template: string; group_key: string; dim_kind: string; dim_key: string; metric: string; count: string | number; total: string | number }>`
        select month::text as month, channel, template, group_key, dim_kind, dim_key, metric, count, total from analytics_monthly where tenant_id = ${tenantId}`.execute(t.app.zhida.database.db);
      return rows.map((x) => ({ key: [x.month, x.channel, x.template, x.group_key, x.dim_kind, x.dim_key, x.metric].join('|'), count: Number(x.count), total: Number(x.total) })).sort((p, q) => p.key.localeCompare(q.key));
    });

  /** Recomputed daily cells summed per calendar month (the key's day becomes the month's first day). */
  const perMonth = (daily: Cell[]): Cell[] => {
    const out = new Map<string, Cell>();
    for (const c of daily) {
      const key = `${c.key.slice(0, 7)}-01${c.key.slice(10)}`;
      const cell = out.get(key);
      if (cell) {
        cell.count += c.count;
        cell.total += c.total;
      } else out.set(key, { ...c, key });
    }
    return [...out.values()].sort((p, q) => p.key.localeCompare(q.key));
  };

  /**
   * The rollups recomputed from the raw events with plain GROUP BYs, one per dimension and for
   * the metric with and without its outcome: an implementation independent of rollupIncrements.
   */
  const recomputed = (tenantId: string): Promise<Cell[]> =>
    TenantScope.asTenant(tenantId, async () => {
      const dims: [string, string, string][] = [
        ['all', "''", 'true'],
        ['intent', 'intent', 'intent is not null'],
        ['flow', 'flow', 'flow is not null'],
        ['step', "flow || '/' || step", 'flow is not null and step is not null'],
        ['agent', 'agent_id::text', 'agent_id is not null'],
        ['faq', 'faq_id', 'faq_id is not null'],
        ['question', "left(btrim(regexp_replace(props->>'question', '\\s+', ' ', 'g')), 80)", "type = 'bot.turn' and props->>'unanswered' = 'true' and props ? 'question'"],
      ];
      const cells: Cell[] = [];
      for (const [kind, key, where] of dims) {
        for (const metric of ['type', "type || ':' || outcome"]) {
          const { rows } = await sql<{ k: string; c: string | number; s: string | number }>`
            select concat_ws('|', day::text, channel, template, coalesce(group_id::text, ''), ${kind}::text, ${sql.raw(key)}, ${sql.raw(metric)}) as k, count(*) as c, coalesce(sum(value), 0) as s
            from analytics_events where tenant_id = ${tenantId} and ${sql.raw(where)} and ${sql.raw(metric)} is not null
            group by 1`.execute(t.app.zhida.database.db);
          cells.push(...rows.map((x) => ({ key: x.k, count: Number(x.c), total: Number(x.s) })));
        }
      }
      return cells.sort((p, q) => p.key.localeCompare(q.key));
    });

  const close = (actual: Cell[], expected: Cell[]) => {
    expect(actual.map((c) => [c.key, c.count])).toEqual(expected.map((c) => [c.key, c.count]));
    actual.forEach((c, i) => expect(c.total, c.key).toBeCloseTo(expected[i]!.total, 6));
  };

  it.each([1, 2, 3, 4, 5])('equal a recomputation from the raw events for random event sequence %i', async (seed) => {
    const r = rng(seed * 7919);
    const groups = [crypto.randomUUID(), crypto.randomUUID()];
    const agents = [a.users.agent.id, a.users.supervisor.id];
    const { recorder } = t.app.zhida.analytics;
    // Recorded in random batches (one event, or many in one transaction), for both tenants interleaved.
    for (let i = 0; i < 12; i++) {
      const batch = Array.from({ length: 1 + Math.floor(r() * 20) }, () => randomEvent(r, groups, agents));
      await recorder.record(r() < 0.7 ? a.id : b.id, batch);
    }
    for (const tenant of [a, b]) {
      const expected = await recomputed(tenant.id);
      close(await rollups(tenant.id), expected);
      close(await monthlyRollups(tenant.id), perMonth(expected));
    }
  });

  it('are rebuilt to the same cells, and the rebuild of a range leaves other days alone', async () => {
    const before = await rollups(a.id);
    const monthsBefore = await monthlyRollups(a.id);
    expect(before.length).toBeGreaterThan(0);
    expect(monthsBefore.map((c) => c.key.slice(0, 10))).toEqual(expect.arrayContaining(['2026-11-01', '2026-12-01']));
    // Spoil the range, then rebuild it from the events.
    await TenantScope.asTenant(a.id, () => sql`update analytics_daily set count = count + 5 where tenant_id = ${a.id}`.execute(t.app.zhida.database.db));
    await TenantScope.asTenant(a.id, () => sql`update analytics_monthly set count = count + 5 where tenant_id = ${a.id}`.execute(t.app.zhida.database.db));
    const result = await t.app.zhida.analytics.rebuild.rebuild(a.id, '2026-11-01', '2026-12-31');
    expect(result.events).toBeGreaterThan(0);
    close(await rollups(a.id), before);
    close(await monthlyRollups(a.id), monthsBefore);
    // A one-day rebuild re-sums its whole month from the days (the other days were not rebuilt).
    await TenantScope.asTenant(a.id, () => sql`update analytics_monthly set count = count + 5 where tenant_id = ${a.id}`.execute(t.app.zhida.database.db));
    const onlyOne = await t.app.zhida.analytics.rebuild.rebuild(a.id, '2026-11-30', '2026-11-30');
    expect(onlyOne.events).toBeLessThan(result.events);
    close(await rollups(a.id), before);
    close((await monthlyRollups(a.id)).filter((c) => c.key.startsWith('2026-11')), monthsBefore.filter((c) => c.key.startsWith('2026-11')));
  });

  it('masks personal data in free text before it is written', async () => {
    const rows = await TenantScope.asTenant(a.id, () =>
      sql<{ props: { question?: string } }>`select props from analytics_events where tenant_id = ${a.id} and props ? 'question'`.execute(t.app.zhida.database.db),
    );
    const texts = rows.rows.map((x) => x.props.question ?? '').join('\n');
    expect(texts).toContain('138****5678');
    expect(texts).not.toContain('13812345678');
  });

  it.each([null, 'web'])('are read over a range of two edges and whole months as the raw events of its days sum (channel %s)', async (channel) => {
    const c = await t.createTenant(`rollup-range-${channel ?? 'all'}`);
    const r = rng(4242);
    const groups = [crypto.randomUUID()];
    const agents = [c.users.agent.id];
    // Events from late November to early January: the range below has a leading edge day, a whole month and a trailing edge.
    const events = Array.from({ length: 160 }, (_, i) => {
      const e = randomEvent(r, groups, agents);
      return i % 2 ? { ...e, occurredAt: new Date(e.occurredAt.getTime() + 34 * 86_400_000) } : e;
    });
    await t.app.zhida.analytics.recorder.record(c.id, events);
    const from = '2026-11-30';
    const to = '2027-01-02';
    const filter = { from, to, channel, template: null, flow: null, groupId: null };
    const reader = new RollupReader(t.app.zhida.database.db);
    const [totals, perDimension, unanswered] = await TenantScope.asTenant(c.id, () => Promise.all([reader.totals(c.id, filter), reader.perDimension(c.id, filter), reader.unanswered(c.id, filter, 2)]));

    const expected = new Map<string, { count: number; total: number }>();
    for (const cell of await recomputed(c.id)) {
      const [day, cellChannel, , , kind, key, metric] = cell.key.split('|') as [string, string, string, string, string, string, string];
      if (day < from || day > to || (channel && cellChannel !== channel)) continue;
      const k = [kind, key, metric].join('|');
      const sum = expected.get(k) ?? { count: 0, total: 0 };
      expected.set(k, { count: sum.count + cell.count, total: sum.total + cell.total });
    }
    const sorted = (rows: [string, number, number][]) => rows.sort((p, q) => p[0].localeCompare(q[0]));
    const expect3 = (keep: (kind: string, metric: string) => boolean) =>
      sorted([...expected].filter(([k]) => keep(k.split('|')[0]!, k.split('|')[2]!)).map(([k, v]) => [k, v.count, Math.round(v.total * 1e6)]));
    expect(sorted(totals.map((x) => [`all||${x.metric}`, x.count, Math.round(x.total * 1e6)]))).toEqual(expect3((kind) => kind === 'all'));
    expect(sorted(perDimension.map((x) => [`${x.dimKind}|${x.dimKey}|${x.metric}`, x.count, Math.round(x.total * 1e6)]))).toEqual(
      expect3((kind, metric) => ['intent', 'flow', 'step', 'agent', 'faq'].includes(kind) && BREAKDOWN_METRICS.includes(metric)),
    );
    const questions = [...expected].filter(([k]) => k.startsWith('question|') && k.endsWith('|bot.turn')).map(([k, v]) => ({ question: k.split('|')[1]!, count: v.count }));
    expect(unanswered.turns).toBe(questions.reduce((n, q) => n + q.count, 0));
    expect(unanswered.top).toEqual(questions.sort((p, q) => q.count - p.count || p.question.localeCompare(q.question)).slice(0, 2));
    expect(totals.length).toBeGreaterThan(0);
  });

  it('keeps the event stream append-only', async () => {
    await expect(TenantScope.asTenant(a.id, () => sql`update analytics_events set type = 'x' where tenant_id = ${a.id}`.execute(t.app.zhida.database.db))).rejects.toThrow(/append-only/);
  });
});
