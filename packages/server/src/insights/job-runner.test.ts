import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBaseModules } from '../kb/articles/knowledge-base-modules.js';
import { kbDatabase } from '../kb/articles/kb-database.js';
import { TestApp, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { JobRunner, type ClaimedJob } from './job-runner.js';
import { TopQuestionRefresh } from './top-question-refresh.js';

const backends = await testBackends();

describe.each(backends)('durable job runner (%s)', (backend) => {
  let t: TestApp;
  let tenant: TestTenant;
  const db = () => kbDatabase(t.app.zhida.database.db);
  const job = (id: string) => t.system(() => db().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  const jobsOf = (kind: string) => t.system(() => db().selectFrom('jobs').selectAll().where('kind', '=', kind).execute());

  beforeAll(async () => {
    t = await TestApp.start(backend);
    tenant = await t.createTenant('jobs-shop');
  });
  afterAll(() => t.close());

  it('runs each due job exactly once when two runners race for them', async () => {
    const ran: string[] = [];
    const handler = {
      run: async (j: ClaimedJob) => {
        ran.push(j.id);
        await sleep(20); // hold the claim while the other runner polls
      },
    };
    const first = new JobRunner(t.app.zhida.database.db, { 'test.race': handler }, { batchSize: 3 });
    const second = new JobRunner(t.app.zhida.database.db, { 'test.race': handler }, { batchSize: 3 });
    for (let i = 0; i < 8; i++) await first.enqueue('test.race', null, new Date(Date.now() - 1000));
    const drain = async (r: JobRunner) => {
      while ((await r.runDue()) > 0);
    };
    await Promise.all([drain(first), drain(second), drain(first), drain(second)]);
    const rows = await jobsOf('test.race');
    expect(rows).toHaveLength(8);
    expect([...ran].sort()).toEqual(rows.map((r) => r.id).sort());
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1 && r.locked_by === null)).toBe(true);
  });

  it('retries a failed job with backoff and then succeeds', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    let calls = 0;
    const runner = new JobRunner(t.app.zhida.database.db, {
      'test.flaky': {
        run: async () => {
          calls += 1;
          if (calls === 1) throw new Error('connector timed out');
        },
      },
    }, { now: () => now, retryBaseMs: 30_000 });
    await runner.enqueue('test.flaky', tenant.id, now);
    const [row] = await jobsOf('test.flaky');

    expect(await runner.runDue()).toBe(1);
    expect(await job(row!.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'connector timed out' });
    expect(new Date((await job(row!.id)).run_at).toISOString()).toBe('2026-11-25T10:00:30.000Z');

    expect(await runner.runDue()).toBe(0); // not due yet
    now = new Date('2026-11-25T10:00:31Z');
    expect(await runner.runDue()).toBe(1);
    expect(await job(row!.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('marks a one-off job failed after its last attempt', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const runner = new JobRunner(t.app.zhida.database.db, { 'test.broken': { run: async () => Promise.reject(new Error('always broken')) } }, { now: () => now, maxAttempts: 3, retryBaseMs: 1000 });
    await runner.enqueue('test.broken', null, now);
    for (let i = 0; i < 3; i++) {
      expect(await runner.runDue()).toBe(1);
      now = new Date(now.getTime() + 10_000);
    }
    const [row] = await jobsOf('test.broken');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'always broken' });
    expect(await runner.runDue()).toBe(0);
  });

  it('takes over a job whose runner died mid-run once the lease expires', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    let ran = 0;
    const handlers = { 'test.orphan': { run: async () => void (ran += 1) } };
    const dead = new JobRunner(t.app.zhida.database.db, handlers, { now: () => now, leaseMs: 60_000 });
    await dead.enqueue('test.orphan', null, now);
    // Simulate the claim of a runner that then crashed: running, leased for a minute.
    await t.system(() => db().updateTable('jobs').set({ status: 'running', locked_by: 'crashed-node', locked_until: new Date(now.getTime() + 60_000) }).where('kind', '=', 'test.orphan').execute());
    const survivor = new JobRunner(t.app.zhida.database.db, handlers, { now: () => now });
    expect(await survivor.runDue()).toBe(0);
    now = new Date('2026-11-25T10:01:01Z');
    expect(await survivor.runDue()).toBe(1);
    expect(ran).toBe(1);
    expect((await jobsOf('test.orphan'))[0]).toMatchObject({ status: 'done', locked_by: null });
  });

  it('schedules the monthly top-question refresh per tenant, runs it and reschedules it for next month', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const kb = createKnowledgeBaseModules(t.app.zhida.database.db, t.app.zhida, { now: () => now });
    const jobs = new JobRunner(t.app.zhida.database.db, kb.jobHandlers, { now: () => now });
    const v = await t.startVisitor(tenant);
    const repo = t.app.zhida.conversationRepo;
    await t.as(tenant, async () => {
      for (const q of ['礼品卡怎么用', '怎么使用礼品卡']) {
        const { message } = await repo.appendMessage({ tenantId: tenant.id }, { conversationId: v.conversationId, senderType: 'visitor', senderId: null, senderName: null, text: q, clientMsgId: null });
        await repo.appendMessage({ tenantId: tenant.id }, { conversationId: v.conversationId, senderType: 'bot', senderId: null, senderName: null, text: '没听懂', clientMsgId: null, meta: { kind: 'fallback', replyTo: message.id } });
      }
    });
    await jobs.ensureRecurring();
    await jobs.ensureRecurring(); // idempotent: still one live job per tenant
    const scheduled = (await jobsOf(TopQuestionRefresh.JOB_KIND)).filter((j) => j.tenant_id === tenant.id);
    expect(scheduled).toHaveLength(1);
    expect(new Date(scheduled[0]!.run_at).toISOString()).toBe('2026-11-30T19:00:00.000Z');

    expect(await jobs.runDue()).toBe(0);
    now = new Date('2026-11-30T19:00:05Z');
    expect(await jobs.runDue()).toBeGreaterThanOrEqual(1);
    const [after] = (await jobsOf(TopQuestionRefresh.JOB_KIND)).filter((j) => j.tenant_id === tenant.id);
    expect(after).toMatchObject({ id: scheduled[0]!.id, status: 'pending', attempts: 0, last_error: null });
    expect(new Date(after!.run_at).toISOString()).toBe('2026-12-31T19:00:00.000Z');
    // The refresh ran for this tenant: its two fallback questions became one proposal.
    const suggestions = await t.as(tenant, () => kb.suggestions.list({ tenantId: tenant.id }, 'pending'));
    expect(suggestions).toMatchObject([{ kind: 'new_faq', question: '礼品卡怎么用', sampleCount: 2 }]);
  });

  it('polls on its own once started and stops cleanly', async () => {
    let ran = 0;
    const runner = new JobRunner(t.app.zhida.database.db, { 'test.polled': { run: async () => void (ran += 1) } }, { pollMs: 20 });
    runner.start();
    await runner.enqueue('test.polled', null, new Date());
    for (let i = 0; i < 100 && ran === 0; i++) await sleep(20);
    await runner.stop();
    expect(ran).toBe(1);
    expect((await jobsOf('test.polled'))[0]!.status).toBe('done');
  });
});
