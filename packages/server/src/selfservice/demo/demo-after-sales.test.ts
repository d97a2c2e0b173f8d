import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../insights/job-runner.js';
import { kbDatabase } from '../../kb/articles/kb-database.js';
import { TestApp, type TestTenant } from '../../test-support/test-app.js';
import { testBackends } from '../../test-support/test-backends.js';
import { identityHash } from '../../widget/identity-verifier.js';
import { chinaWorkCalendar } from '@zhida/china-calendar';
import { asSelfServiceDb, type SelfServiceDb } from '../self-service-db.js';
import { SelfServiceActions } from '../self-service-actions.js';
import { RecordingLogger, RecordingSms } from '../test-support/selfservice-fixture.js';
import { DEMO_REFUND_CHANNEL, DemoAfterSales } from './demo-after-sales.js';
import { DEMO_SHOPPER_ID, demoTryThis, seedDemoEnterprise } from './seed-demo-enterprise.js';

const SECRET = 'after-sales-identity-secret';
/** Wednesday 2026-11-25 10:00 in Shanghai: when the job runs. */
const NOW = new Date('2026-11-25T02:00:00Z');
/** Five working days earlier (Wednesday 2026-11-18, 10:00 CST): when the returns were filed. */
const FILED = new Date(`${chinaWorkCalendar.addWorkingDays('2026-11-25', -5)}T10:00:00+08:00`);
const ORDER = demoTryThis.ecommerce.returnable;
const KIND = DemoAfterSales.JOB_KIND;

describe.each(await testBackends())('the demo after-sales job (%s)', (backend) => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let db: SelfServiceDb;
  let actions: SelfServiceActions;
  let rma: string;
  let exchange: string;
  let rmaOfB: string;

  const act = (tenant: TestTenant, conversationId: string, name: string, args: Record<string, unknown>, now: Date) => t.as(tenant, () => actAs(tenant, conversationId, name, args, now));
  const actAs = async (tenant: TestTenant, conversationId: string, name: string, args: Record<string, unknown>, now: Date) => {
    const { visitor_id } = await db.selectFrom('conversations').select('visitor_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
    const outcome = await actions.execute({ tenantId: tenant.id, conversationId, visitorId: visitor_id, now }, { id: `${name}.${Math.random()}`, name, args });
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.data;
  };
  /** Everything the job may write for a tenant, to compare before and after. */
  const snapshot = (tenantId: string) => t.as({ id: tenantId }, () => snapshotOf(tenantId));
  const snapshotOf = async (tenantId: string) => ({
    returns: await db.selectFrom('demo_returns').selectAll().where('tenant_id', '=', tenantId).orderBy('reference').execute(),
    events: await db.selectFrom('demo_return_events').selectAll().where('tenant_id', '=', tenantId).orderBy('reference').orderBy('at').execute(),
    refunds: await db.selectFrom('demo_refunds').selectAll().where('tenant_id', '=', tenantId).orderBy('order_no').execute(),
  });
  const runnerAt = (now: Date) => new JobRunner(t.app.zhida.database.db, { [KIND]: new DemoAfterSales(t.app.zhida.database.db).asJob(() => now) }, { now: () => now });

  beforeAll(async () => {
    t = await TestApp.start(backend);
    a = await t.createTenant('after-sales-a');
    b = await t.createTenant('after-sales-b');
    db = asSelfServiceDb(t.app.zhida.database.db);
    actions = new SelfServiceActions({ db: t.app.zhida.database.db, sms: new RecordingSms(), log: new RecordingLogger() });
    await t.app.zhida.tenants.setIdentityVerification(a.id, 'optional', SECRET);
    for (const tenant of [a, b]) await seedDemoEnterprise(t.app.zhida.database.db, tenant.id, 'ecommerce', FILED);
    // Filed through the real actions (and so the demo connector) five working days ago, in both shops.
    const chatA = await t.startVisitor(a);
    rma = (await act(a, chatA.conversationId, 'returns.create', { orderId: ORDER, reason: 'size', method: 'pickup' }, FILED)).rmaNumber as string;
    exchange = (await act(a, chatA.conversationId, 'exchanges.create', { orderId: ORDER, newSpec: '12GB+256GB 雅丹黑', reason: 'color' }, FILED)).exchangeNumber as string;
    const chatB = await t.startVisitor(b);
    rmaOfB = (await act(b, chatB.conversationId, 'returns.create', { orderId: ORDER, reason: 'size', method: 'pickup' }, FILED)).rmaNumber as string;
  });
  afterAll(() => t.close());

  it('has a fresh return submitted, with no refund until the warehouse starts on it', async () => {
    const chat = await t.startVisitor(a);
    const outcome = await t.as(a, async () => {
      const { visitor_id } = await db.selectFrom('conversations').select('visitor_id').where('id', '=', chat.conversationId).executeTakeFirstOrThrow();
      return actions.execute({ tenantId: a.id, conversationId: chat.conversationId, visitorId: visitor_id, now: FILED }, { id: 'refund.before', name: 'refunds.get', args: { orderId: ORDER } });
    });
    // No refund yet, but not "no refund record, file a return": the answer says where the return stands.
    expect(outcome).toMatchObject({ ok: false, error: { code: 'refund_awaiting_return', message: expect.stringMatching(new RegExp(`退货申请 ${rma}：.*已提交.*上门取件.*验收通过后，退款将原路退回`)) } });
    expect((await snapshot(a.id)).returns.map((r) => r.status)).toEqual(['submitted', 'submitted']);
  });

  it('reports the refund as processing, with its planned day, once the parcel is on its way back', async () => {
    // Friday 2026-11-20 12:00 CST: picked up Thursday, received Friday morning.
    const midway = new Date('2026-11-20T04:00:00Z');
    expect(await t.as(a, () => new DemoAfterSales(t.app.zhida.database.db).advance(a.id, midway))).toBe(2);
    expect((await snapshot(a.id)).returns.map((r) => r.status)).toEqual(['received', 'received']);
    const chat = await t.startVisitor(a);
    expect(await act(a, chat.conversationId, 'refunds.get', { orderId: ORDER }, midway)).toMatchObject({ status: 'processing', amount: '¥5,499.00', channel: DEMO_REFUND_CHANNEL, expectedDate: '2026-11-24' });
  });

  it('moves a return filed 5 working days ago to refunded, step by step, and the refund flow agrees', async () => {
    const runner = runnerAt(NOW);
    await runner.enqueue(KIND, a.id, NOW);
    expect(await runner.runDue()).toBe(1);

    const { returns, events, refunds } = await snapshot(a.id);
    const ret = returns.find((r) => r.reference === rma)!;
    expect(ret.status).toBe('refunded');
    expect(new Date(ret.status_changed_at).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(returns.find((r) => r.reference === exchange)!.status).toBe('completed');
    const steps = events.filter((e) => e.reference === rma).map((e) => `${e.status} ${new Date(e.at).toISOString()}`);
    expect(steps).toEqual([
      `submitted ${FILED.toISOString()}`,
      'shipped_back 2026-11-19T10:00:00.000Z', // the pickup day, 18:00 CST
      'received 2026-11-20T02:00:00.000Z',
      'approved 2026-11-23T02:00:00.000Z', // Monday: the weekend is skipped
      'refunded 2026-11-24T02:00:00.000Z',
    ]);
    const refund = refunds.find((r) => r.order_no === ORDER)!;
    expect(refund).toMatchObject({ status: 'completed', amount_cents: 549900, channel: DEMO_REFUND_CHANNEL, expected_date: null });
    expect(new Date(refund.refunded_at!).toISOString()).toBe('2026-11-24T02:00:00.000Z');

    const chat = await t.startVisitor(a);
    expect(await act(a, chat.conversationId, 'refunds.get', { orderId: ORDER }, NOW)).toMatchObject({ status: 'completed', amount: '¥5,499.00', channel: DEMO_REFUND_CHANNEL, refundedAt: '2026-11-24 10:00' });
  });

  it('shows the new status to the customer in their own-records search', async () => {
    const shopper = await t.startVisitor(a, { userId: DEMO_SHOPPER_ID, userHash: identityHash(SECRET, DEMO_SHOPPER_ID) });
    const res = await t.app.inject({ url: `/api/v1/widget/search?q=${encodeURIComponent(`${rma} 我的退货到哪一步了`)}`, headers: shopper.headers });
    expect(res.statusCode, res.body).toBe(200);
    const [first] = (res.json() as { items: { id: string; snippet: string }[] }).items;
    expect(first).toMatchObject({ id: rma, snippet: expect.stringContaining('已退款') });
  });

  it('changes nothing on a second run', async () => {
    const before = await snapshot(a.id);
    const runner = runnerAt(new Date(NOW.getTime() + 60 * 60 * 1000));
    await runner.enqueue(KIND, a.id, NOW);
    expect(await runner.runDue()).toBe(1);
    expect(await t.as(a, () => new DemoAfterSales(t.app.zhida.database.db).advance(a.id, new Date(NOW.getTime() + 2 * 60 * 60 * 1000)))).toBe(0);
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("leaves another tenant's rows untouched, then moves them once even when two nodes race", async () => {
    const untouched = await snapshot(b.id);
    expect(untouched.returns.map((r) => [r.reference, r.status])).toEqual([[rmaOfB, 'submitted']]);
    expect(untouched.events.map((e) => e.status)).toEqual(['submitted']);
    expect(untouched.refunds.find((r) => r.order_no === ORDER)).toBeUndefined();

    const node1 = new DemoAfterSales(t.app.zhida.database.db);
    const node2 = new DemoAfterSales(t.app.zhida.database.db);
    const moved = await t.as(b, () => Promise.all([node1.advance(b.id, NOW), node2.advance(b.id, NOW)]));
    expect(moved[0] + moved[1]).toBe(1);
    const after = await snapshot(b.id);
    expect(after.returns[0]!.status).toBe('refunded');
    expect(after.events.map((e) => e.status)).toEqual(['submitted', 'shipped_back', 'received', 'approved', 'refunded']);
    expect(after.refunds.filter((r) => r.order_no === ORDER)).toHaveLength(1);
  });

  it('creates the recurring job for every tenant', async () => {
    const runner = runnerAt(NOW);
    await runner.ensureRecurring();
    const jobs = await t.system(() => kbDatabase(t.app.zhida.database.db).selectFrom('jobs').select(['tenant_id', 'status']).where('kind', '=', KIND).execute());
    expect(jobs.map((j) => j.tenant_id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});
