import { randomUUID } from 'node:crypto';
import { loadTemplate } from '@zhida/templates';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botConfigFromTemplate } from '../../bot/bot-config.js';
import { chinaDay } from '../../selfservice/china-calendar.js';
import { TestApp, type StaffSession, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { BottleneckJob } from './bottleneck-job.js';

const backends = await testBackends();
const DAY_MS = 86_400_000;

describe.each(backends)('bottleneck findings (%s)', (backend) => {
  let t: TestApp;
  let bank: TestTenant;
  let admin: StaffSession;
  let analyst: StaffSession;
  const yesterday = chinaDay(new Date(Date.now() - DAY_MS));
  const dayBefore = (n: number) => new Date(Date.parse(`${yesterday}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await TestApp.start(backend);
    bank = await t.createTenant('findings-bank', '示例银行');
    await t.as(bank, async () => t.app.zhida.botConfigs.put({ tenantId: bank.id }, botConfigFromTemplate(await loadTemplate('finance'))));
    admin = await t.login(bank, 'admin');
    analyst = await t.login(bank, 'analyst');
    // Hand-made rollups for 5 weeks: the SMS code step fails 12 % of the time for 4 weeks, then 38 % this week;
    // the card step stays at 7.5 %; 30 FAQs have noisy but unchanged 没帮助 counts.
    const rows: Record<string, unknown>[] = [];
    const cell = (day: string, dimKind: string, dimKey: string, metric: string, count: number) => rows.push({ tenant_id: bank.id, day, channel: 'widget', template: 'finance', group_key: '', dim_kind: dimKind, dim_key: dimKey, metric, count, total: 0 });
    for (let n = 0; n < 35; n++) {
      const day = dayBefore(n);
      cell(day, 'step', 'finance.identity/otp', 'selfservice.step', 50);
      cell(day, 'step', 'finance.identity/otp', 'selfservice.failed:failed', n < 7 ? 19 : 6);
      cell(day, 'step', 'finance.card_loss/card', 'selfservice.step', 40);
      cell(day, 'step', 'finance.card_loss/card', 'selfservice.failed:failed', 3);
      for (let f = 0; f < 30; f++) {
        cell(day, 'faq', `faq-${f}`, 'answer.feedback:helpful', 8 + ((n * 7 + f * 3) % 5));
        cell(day, 'faq', `faq-${f}`, 'answer.feedback:not_helpful', 1 + ((n * 5 + f) % 3));
      }
    }
    const visitor = await t.startVisitor(bank);
    await t.as(bank, async () => {
      const db = t.app.zhida.database.db;
      for (let i = 0; i < rows.length; i += 500) await db.insertInto('analytics_daily' as never).values(rows.slice(i, i + 500) as never).execute();
      // The week's failed SMS checks, as the connectors logged them: mostly expired codes.
      const actions = [...Array(9).fill('otp_expired'), 'mobile_not_registered', 'mobile_not_registered'].map((code, i) => ({
        id: randomUUID(),
        tenant_id: bank.id,
        conversation_id: visitor.conversationId,
        action_id: `a${i}.finance.identity.verifyOtp`,
        name: 'identity.verifyOtp',
        outcome: JSON.stringify({ ok: false, error: { code, message: '…' } }),
        created_at: new Date(Date.now() - 2 * DAY_MS),
      }));
      await db.insertInto('selfservice_actions' as never).values(actions as never).execute();
    });
  }, 300_000);
  afterAll(() => t.close());

  const list = async (session: StaffSession, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/findings${query}`, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: string; kind: string; subjectKey: string; summary: string; status: string; comparison: string; rate: number; referenceRate: number; evidence: Record<string, unknown> }[];
  };

  it('the daily job (through the JobRunner) flags the clear change with its cause and fix, and only that', async () => {
    await t.app.zhida.jobs.enqueue(BottleneckJob.JOB_KIND, bank.id, new Date(Date.now() - 1000));
    expect(await t.app.zhida.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const items = await list(analyst);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'step_failure', subjectKey: 'finance.identity/otp', comparison: 'baseline', status: 'open' });
    expect(items[0]!.summary).toBe('身份验证：验证码步骤失败率 38 %（前 4 周 12 %），多为验证码过期 → 建议延长验证码有效期或提供语音验证码');
    expect(items[0]!.evidence).toMatchObject({ events: 133, trials: 350, referenceEvents: 168, referenceTrials: 1400, reasonCode: 'otp_expired' });
  });

  it('a second run of the same day, or of the next day in the same week, adds nothing', async () => {
    expect(await t.as(bank, () => t.app.zhida.findings.job.run({ tenantId: bank.id }, yesterday))).toBe(0);
    expect(await t.as(bank, () => t.app.zhida.findings.job.run({ tenantId: bank.id }, chinaDay(new Date())))).toBe(0);
    expect(await list(admin)).toHaveLength(1);
  });

  it('dismiss / mark done: analysts read only; a decision stands; bad ids are 4xx', async () => {
    const [finding] = await list(admin);
    const post = (id: string, action: string, session = admin) => t.app.inject({ method: 'POST', url: `/api/v1/analytics/findings/${id}/${action}`, headers: session.headers });
    expect((await post(finding!.id, 'dismiss', analyst)).statusCode).toBe(403);
    const done = await post(finding!.id, 'done');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', decidedBy: bank.users.admin.id });
    const again = await post(finding!.id, 'dismiss');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_decided');
    expect((await post(randomUUID(), 'done')).statusCode).toBe(404);
    expect((await post('not-a-uuid', 'done')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/findings?status=bogus', headers: admin.headers })).statusCode).toBe(400);
    expect(await list(admin, '?status=open')).toHaveLength(0);
    expect(await list(admin, '?status=done')).toHaveLength(1);
  });

  it('another tenant sees none of them', async () => {
    const other = await t.createTenant('findings-other');
    expect(await list(await t.login(other, 'admin'))).toEqual([]);
    const count = await t.system(() => sql<{ n: number }>`select count(*)::int as n from analytics_findings`.execute(t.app.zhida.database.db));
    expect(Number(count.rows[0]!.n)).toBe(1);
  });
});
