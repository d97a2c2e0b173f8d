import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnRecord } from '@zhida/dialogue';
import { TenantScope } from '../db/tenant-scope.js';
import { SlaCalendarCache } from '../tickets/sla/sla-calendar-cache.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { BusinessSeconds } from './business-seconds.js';
import { ConversationAnalytics } from './conversation-analytics.js';
import type { DashboardDto } from './dashboard-dto.js';

const backends = await testBackends();

/** An instant given as Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const turn = (over: Partial<TurnRecord>): TurnRecord => ({ intent: null, confidence: null, emotion: null, flowId: null, step: null, outcome: 'answered', faqId: null, ...over });

describe.each(backends)('the 数据看板 on hand-made conversations (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let analyst: StaffSession;
  let agentSession: StaffSession;
  let clock = bj('2026-12-04T09:00:00');
  const ids = { a: '', b: '', c: '', d: '' };
  // Asia/Shanghai: the visits are recorded on today's China day, which from 16:00 UTC is the UTC day after.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const range = `from=2026-12-04&to=${today > '2026-12-07' ? today : '2026-12-07'}`;
  let dashboard: DashboardDto;

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('dash-shop');
    analyst = await t.login(shop, 'analyst');
    agentSession = await t.login(shop, 'agent');
    const db = t.app.zhida.database.db;
    // The same recorder the app uses, on a clock the test moves (the app's own listeners record the starts).
    const conv = new ConversationAnalytics(db, t.app.zhida.analytics.recorder, new BusinessSeconds(new SlaCalendarCache()), { now: () => clock });
    for (const k of ['a', 'b', 'c', 'd'] as const) ids[k] = (await t.startVisitor(shop, {}, `10.9.0.${k.charCodeAt(0)}`)).conversationId;
    const facts = () => TenantScope.asTenant(shop.id, () => sql<{ n: number }>`select count(*)::int as n from analytics_conversations where tenant_id = ${shop.id}`.execute(db));
    for (let i = 0; i < 100 && (await facts()).rows[0]!.n < 4; i++) await new Promise((r) => setTimeout(r, 50));
    const base = { tenantId: shop.id, visitorId: '', flowBefore: null, flowAfter: null, handoffReason: null };

    // A: answered from the FAQ on Friday morning, then quiet → the bot resolved it.
    await conv.botTurn({ ...base, conversationId: ids.a, question: '我的快递到哪了', records: [turn({ intent: '查物流', confidence: 0.92, faqId: 'faq-logistics' })], at: bj('2026-12-04T10:00:00').toISOString() });
    // B: asks for a human at 17:50 on Friday; an agent accepts at 17:55, first answers Monday 09:10 and closes at 10:00.
    await conv.botTurn({ ...base, conversationId: ids.b, question: '转人工', records: [turn({ outcome: 'handoff', confidence: 0.99 })], handoffReason: 'user_request', at: bj('2026-12-04T17:49:00').toISOString() });
    const requestB = crypto.randomUUID();
    const handoff = { tenantId: shop.id, requestId: requestB, conversationId: ids.b, reason: 'user_request' as const, priority: 3, groupId: null, offeredTo: null, offerExpiresAt: null };
    clock = bj('2026-12-04T17:50:00');
    await conv.handoffChanged({ ...handoff, status: 'queued', assignedTo: null });
    clock = bj('2026-12-04T17:55:00');
    await conv.handoffChanged({ ...handoff, status: 'assigned', assignedTo: shop.users.agent.id });
    await conv.handoffChanged({ ...handoff, status: 'assigned', assignedTo: shop.users.agent.id }); // redelivered: counted once
    const agentMessage = { id: crypto.randomUUID(), conversationId: ids.b, seq: 9, senderType: 'agent' as const, senderId: shop.users.agent.id, senderName: 'agent', text: '您好', clientMsgId: null, quickReplies: [], meta: {}, internal: false };
    await conv.messageCreated(shop.id, { ...agentMessage, createdAt: bj('2026-12-07T09:10:00').toISOString() });
    await conv.messageCreated(shop.id, { ...agentMessage, id: crypto.randomUUID(), createdAt: bj('2026-12-07T09:20:00').toISOString() });
    const closed = await t.as(shop, () => t.app.zhida.conversationRepo.get({ tenantId: shop.id }, ids.b));
    await conv.conversationUpdated(shop.id, { ...closed, status: 'closed', updatedAt: bj('2026-12-07T10:00:00').toISOString() });
    // C: a question the bot could not answer, a handoff nobody took (left a message), then quiet.
    await conv.botTurn({ ...base, conversationId: ids.c, question: '礼品卡能退吗 订单20261207123456', records: [turn({ intent: '退货', confidence: 0.4 })], at: bj('2026-12-04T12:00:00').toISOString() });
    const requestC = { ...handoff, requestId: crypto.randomUUID(), conversationId: ids.c, assignedTo: null };
    clock = bj('2026-12-04T12:01:00');
    await conv.handoffChanged({ ...requestC, status: 'queued' });
    await conv.handoffChanged({ ...requestC, status: 'left_message' });
    // D never asked anything. The sweep an hour later ends A (bot), C (unserved) and D (no engagement).
    clock = new Date(Math.max(Date.now(), bj('2026-12-07T12:00:00').getTime()) + 3_600_000);
    expect(await conv.endIdle(shop.id)).toBe(3);
    const at = bj('2026-12-07T12:05:00').toISOString();
    for (const id of [ids.a, ids.b, ids.c, ids.d]) t.app.zhida.events.emit('rating.requested', { tenantId: shop.id, conversationId: id, survey: 'conversation', at });
    await conv.ratingSubmitted({ tenantId: shop.id, conversationId: ids.a, ratingId: crypto.randomUUID(), stars: 5, tags: ['快'], comment: '很快，电话13812345678', survey: 'conversation', agentId: null, groupId: null, at });
    await conv.ratingSubmitted({ tenantId: shop.id, conversationId: ids.b, ratingId: crypto.randomUUID(), stars: 2, tags: [], comment: '等太久', survey: 'conversation', agentId: null, groupId: null, at });
    await conv.ratingSubmitted({ tenantId: shop.id, conversationId: ids.b, ratingId: crypto.randomUUID(), stars: 1, tags: [], comment: null, survey: 'follow_up', agentId: null, groupId: null, at });
    await new Promise((r) => setTimeout(r, 300)); // the rating.requested listeners
    const res = await t.app.inject({ url: `/api/v1/analytics/dashboard?${range}`, headers: analyst.headers });
    expect(res.statusCode, res.body).toBe(200);
    dashboard = res.json();
  });
  afterAll(() => t.close());

  it('counts visits and the conversations in which the customer asked something', () => {
    expect(dashboard.totals.visits).toBe(4);
    expect(dashboard.totals.conversations).toBe(3);
    expect(dashboard.totals.endedConversations).toBe(3);
  });

  it('counts as contained only conversations that ended without reaching a human', () => {
    expect(dashboard.totals.botResolved).toBe(1);
    expect(dashboard.totals.containmentRate).toBeCloseTo(1 / 3, 6);
    expect(dashboard.totals.transferRate).toBeCloseTo(2 / 3, 6);
    expect(dashboard.totals.unserved).toBe(1);
    expect(dashboard.handoffReasons).toEqual([{ reason: 'user_request', count: 2 }]);
    expect(dashboard.definitions.containmentRate).toContain('未转到人工');
  });

  it('measures first response and resolution in business hours, without the bot time or the weekend', () => {
    // 17:50–18:00 Friday + 09:00–09:10 Monday; the second agent message changes nothing.
    expect(dashboard.totals.avgFirstResponseSeconds).toBe(1200);
    // 17:50–18:00 Friday + 09:00–10:00 Monday.
    expect(dashboard.totals.avgResolutionSeconds).toBe(4200);
    expect(dashboard.totals.avgWaitSeconds).toBe(300);
    expect(dashboard.agents).toEqual([expect.objectContaining({ agentId: shop.users.agent.id, name: `agent of dash-shop`, chats: 1, avgFirstResponseSeconds: 1200, resolved: 1 })]);
  });

  it('scores CSAT as the share of 4–5 stars among conversation ratings (a follow-up rating is not one)', () => {
    expect(dashboard.totals.ratings).toBe(2);
    expect(dashboard.totals.csat).toBe(0.5);
    expect(dashboard.totals.ratingResponseRate).toBe(0.5);
    expect(dashboard.ratingDistribution.map((d) => d.count)).toEqual([0, 1, 0, 0, 1]);
    const comments = dashboard.recentComments.map((c) => c.comment);
    expect(comments).toContain('等太久');
    expect(comments.join()).toContain('138****5678');
    expect(comments.join()).not.toContain('13812345678');
  });

  it('lists unanswered questions masked, and the FAQ hit rate and hours saved by their definitions', () => {
    expect(dashboard.topUnanswered).toEqual([{ question: '礼品卡能退吗 订单**********3456', count: 1 }]);
    expect(dashboard.totals.faqHitRate).toBe(0.5);
    // One bot-resolved conversation × the measured handling time (4,200 s).
    expect(dashboard.totals.handlingTimeMeasured).toBe(true);
    expect(dashboard.totals.agentHoursSaved).toBeCloseTo(1.2, 6);
    // A conversation ends on the day of its last activity: A and C on Friday, B when it was closed on Monday.
    expect(dashboard.series.find((d) => d.day === '2026-12-04')).toMatchObject({ conversations: 3, botResolved: 1, handedOff: 1, containmentRate: 0.5 });
    expect(dashboard.series.find((d) => d.day === '2026-12-07')).toMatchObject({ botResolved: 0, handedOff: 1, ratings: 2, csat: 0.5 });
  });

  it('exports per conversation and per day as streamed CSV', async () => {
    const conv = await t.app.inject({ url: `/api/v1/analytics/export/conversations.csv?${range}`, headers: analyst.headers });
    expect(conv.statusCode).toBe(200);
    expect(conv.headers['content-type']).toContain('text/csv');
    const lineB = conv.body.split('\r\n').find((l) => l.startsWith(ids.b))!;
    expect(lineB).toContain(',human,4200,2');
    expect(lineB).toContain(',300,1200,');
    const daily = await t.app.inject({ url: `/api/v1/analytics/export/daily.csv?${range}`, headers: analyst.headers });
    expect(daily.statusCode).toBe(200);
    const lines = daily.body.trim().split('\r\n');
    expect(lines[0]).toContain('day,visits,conversations,bot_resolved');
    expect(lines.find((l) => l.startsWith('2026-12-07'))).toMatch(/^2026-12-07,\d+,0,0,1,0,/);
  });

  it('lets the analyst read but not an agent, and has nothing to write', async () => {
    expect((await t.app.inject({ url: `/api/v1/analytics/dashboard?${range}`, headers: agentSession.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/analytics/export/daily.csv?${range}`, headers: agentSession.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/analytics/dashboard?${range}` })).statusCode).toBe(401);
    const write = await t.app.inject({ method: 'POST', url: `/api/v1/analytics/dashboard?${range}`, headers: analyst.headers, payload: {} });
    expect(write.statusCode).toBe(404);
  });

  it.each([
    ['a reversed range', 'from=2026-12-07&to=2026-12-01', 'invalid_range'],
    ['a range over 13 months', 'from=2025-01-01&to=2026-02-01', 'invalid_range'],
    ['a day that does not exist', 'from=2026-02-30&to=2026-03-01', 'invalid_range'],
    ['a malformed day', 'from=2026-1-1&to=2026-03-01', 'validation_error'],
    ['an unknown filter', `${range}&tenantId=${crypto.randomUUID()}`, 'validation_error'],
    ['a group id that is not one', `${range}&groupId=abc`, 'validation_error'],
  ])('answers %s with a 400', async (_what, query, code) => {
    for (const path of ['dashboard', 'export/daily.csv', 'export/conversations.csv']) {
      const res = await t.app.inject({ url: `/api/v1/analytics/${path}?${query}`, headers: analyst.headers });
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
  });

  it('accepts exactly 13 months, and answers an unknown group with 404', async () => {
    expect((await t.app.inject({ url: '/api/v1/analytics/dashboard?from=2025-11-08&to=2026-12-07', headers: analyst.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/analytics/dashboard?${range}&groupId=${crypto.randomUUID()}`, headers: analyst.headers })).statusCode).toBe(404);
  });
});
