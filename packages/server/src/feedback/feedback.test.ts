import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_BUSINESS_CALENDAR } from '../tickets/sla/business-calendar.js';
import { workingDayMinutes } from '../tickets/sla/working-day-minutes.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { feedbackDatabase } from './feedback-schema.js';

const backends = await testBackends();

describe.each(backends)('feedback: surveys, ratings and 回访 (%s)', (backend) => {
  let t: TestApp;
  let shop: TestTenant;
  let other: TestTenant;
  let supervisor: StaffSession;
  let analyst: StaffSession;
  let agent: StaffSession;
  let groupId: string;

  const db = () => feedbackDatabase(t.app.zhida.database.db);

  /** A visitor who asked something and got a bot answer (as ConversationService stores them). */
  const chatWithAnswer = async (tenant: TestTenant) => {
    const visitor = await t.startVisitor(tenant);
    const ctx = { tenantId: tenant.id };
    const answer = await t.as(tenant, async () => {
      const { message } = await t.app.zhida.conversationRepo.appendMessage(ctx, { conversationId: visitor.conversationId, senderType: 'visitor', senderId: null, senderName: null, text: '怎么退货', clientMsgId: null });
      const bot = await t.app.zhida.conversationRepo.appendMessage(ctx, {
        conversationId: visitor.conversationId,
        senderType: 'bot',
        senderId: null,
        senderName: null,
        text: '收到商品 7 天内可在「我的订单」申请退货。',
        clientMsgId: null,
        meta: { kind: 'answered', replyTo: message.id, record: { intent: 'faq', confidence: 0.9, faqId: 'faq-return', outcome: 'answered' } },
      });
      return bot.message;
    });
    return { ...visitor, answerId: answer.id };
  };

  /** The conversation went to a human in `groupId` and the agent closed it. */
  const handledAndClosed = async (tenant: TestTenant, session: StaffSession) => {
    const chat = await chatWithAnswer(tenant);
    await t.system(() =>
      sql`insert into handoff_requests (id, tenant_id, conversation_id, group_id, reason, priority, status, assigned_to, ended_at)
          values (${randomUUID()}, ${tenant.id}, ${chat.conversationId}, ${groupId}, 'user_request', 2, 'ended', ${tenant.users.agent.id}, now())`.execute(t.app.zhida.database.db),
    );
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${chat.conversationId}`, headers: session.headers, payload: { status: 'closed' } });
    expect(res.statusCode, res.body).toBe(200);
    return chat;
  };

  const state = async (chat: { conversationId: string; headers: Record<string, string> }) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${chat.conversationId}/feedback`, headers: chat.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const rate = (chat: { conversationId: string; headers: Record<string, string> }, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${chat.conversationId}/rating`, headers: chat.headers, payload: payload as object });
  /** The survey offer after an agent's close runs after the response; wait for its row. */
  const surveyOf = async (conversationId: string) => {
    for (let i = 0; i < 100; i++) {
      const row = await t.system(() => db().selectFrom('feedback_surveys').selectAll().where('conversation_id', '=', conversationId).where('message_id', 'is not', null).executeTakeFirst());
      if (row) return row;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no survey offered');
  };

  beforeAll(async () => {
    t = await TestApp.start(backend);
    shop = await t.createTenant('fb-shop', '反馈商城');
    other = await t.createTenant('fb-other');
    supervisor = await t.login(shop, 'supervisor');
    analyst = await t.login(shop, 'analyst');
    agent = await t.login(shop, 'agent');
    groupId = randomUUID();
    await t.system(async () => {
      await sql`insert into agent_groups (id, tenant_id, name) values (${groupId}, ${shop.id}, '售后服务部')`.execute(t.app.zhida.database.db);
      await sql`insert into agent_group_members (tenant_id, group_id, user_id, is_supervisor) values (${shop.id}, ${groupId}, ${shop.users.supervisor.id}, true), (${shop.id}, ${groupId}, ${shop.users.agent.id}, false)`.execute(t.app.zhida.database.db);
    });
  });
  afterAll(() => t.close());

  describe('the survey when a conversation ends', () => {
    it('is offered in the chat when an agent closes the conversation, and counted when shown', async () => {
      const chat = await handledAndClosed(shop, agent);
      const survey = await surveyOf(chat.conversationId);
      expect(survey.trigger).toBe('closed');
      const messages = (await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${chat.conversationId}/messages`, headers: chat.headers })).json();
      const carrier = (messages.items ?? messages).find((m: { meta: { kind?: string } }) => m.meta.kind === 'survey');
      expect(carrier).toMatchObject({ senderType: 'system', meta: { kind: 'survey', surveyId: survey.id } });
      expect((await state(chat)).survey).toMatchObject({ id: survey.id, shown: false });
      const shown = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${chat.conversationId}/survey-shown`, headers: chat.headers });
      expect(shown.statusCode).toBe(204);
      expect((await state(chat)).survey.shown).toBe(true);
    });

    it('is offered by the sweep when the bot resolved the conversation and the visitor has been idle 10 minutes', async () => {
      const idle = await chatWithAnswer(shop);
      const fresh = await chatWithAnswer(shop);
      const handedOver = await chatWithAnswer(shop);
      await t.system(async () => {
        await sql`update messages set created_at = now() - interval '11 minutes' where conversation_id in (${idle.conversationId}, ${handedOver.conversationId})`.execute(t.app.zhida.database.db);
        await sql`update conversations set handoff = true where id = ${handedOver.conversationId}`.execute(t.app.zhida.database.db);
      });
      const offered = await t.as(shop, () => t.app.zhida.feedback.surveys.sweep({ tenantId: shop.id }));
      expect(offered).toBeGreaterThanOrEqual(1);
      expect((await state(idle)).survey).toMatchObject({ trigger: 'bot_idle' });
      expect((await state(fresh)).survey).toBeNull();
      expect((await state(handedOver)).survey).toBeNull();
      // A second sweep offers nothing twice.
      await t.as(shop, () => t.app.zhida.feedback.surveys.sweep({ tenantId: shop.id }));
      const count = await t.system(() => db().selectFrom('feedback_surveys').select(sql<number>`count(*)::int`.as('n')).where('conversation_id', '=', idle.conversationId).executeTakeFirstOrThrow());
      expect(Number(count.n)).toBe(1);
    });
  });

  describe('rating a conversation', () => {
    it('refuses stars outside 1–5 and text over 1000 characters with a clear 400', async () => {
      const chat = await chatWithAnswer(shop);
      for (const stars of [0, 6, 2.5, '3', null]) {
        const res = await rate(chat, { stars });
        expect(res.statusCode, String(stars)).toBe(400);
        expect(res.json().error.message).toContain('1 到 5');
      }
      const long = await rate(chat, { stars: 4, comment: '很'.repeat(1001) });
      expect(long.statusCode).toBe(400);
      expect(long.json().error).toMatchObject({ code: 'validation_error' });
      expect(long.json().error.message).toContain('1000');
      expect((await state(chat)).rating).toBeNull();
    });

    it('takes one rating per conversation: a second is 409 and the first stands', async () => {
      const chat = await chatWithAnswer(shop);
      const first = await rate(chat, { stars: 5, tags: ['解决了问题'], comment: '很快' });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ stars: 5, followUp: false });
      const second = await rate(chat, { stars: 1, comment: '改主意了' });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('already_rated');
      expect((await state(chat)).rating).toMatchObject({ stars: 5, comment: '很快', tags: ['解决了问题'] });
    });

    it('is 404 for another visitor and for another tenant', async () => {
      const chat = await chatWithAnswer(shop);
      const stranger = await t.startVisitor(shop);
      const foreign = await t.startVisitor(other);
      for (const headers of [stranger.headers, foreign.headers]) {
        expect((await rate({ conversationId: chat.conversationId, headers }, { stars: 3 })).statusCode).toBe(404);
        expect((await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${chat.conversationId}/feedback`, headers })).statusCode).toBe(404);
      }
    });
  });

  describe('a low rating and its 回访', () => {
    let followUpId: string;
    let ticketId: string;
    let chat: Awaited<ReturnType<typeof handledAndClosed>>;

    it('opens a 回访 ticket for the group’s supervisor, due within one working day on the calendar', async () => {
      chat = await handledAndClosed(shop, agent);
      await surveyOf(chat.conversationId);
      const res = await rate(chat, { stars: 2, tags: ['等待太久'], comment: '等了半小时才有人回' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().followUp).toBe(true);
      const follow = await t.system(() => db().selectFrom('follow_ups').selectAll().where('rating_id', '=', res.json().id).executeTakeFirstOrThrow());
      ticketId = follow.ticket_id!;
      followUpId = follow.id;
      const ticket = await t.system(() =>
        db().selectFrom('tickets as t').innerJoin('ticket_categories as c', 'c.id', 't.category_id').select(['t.group_id', 't.assignee_id', 't.created_at', 't.resolution_due_at', 't.description', 't.conversation_id', 'c.key']).where('t.id', '=', ticketId).executeTakeFirstOrThrow(),
      );
      expect(ticket).toMatchObject({ key: 'follow_up', group_id: groupId, assignee_id: shop.users.supervisor.id, conversation_id: chat.conversationId });
      expect(ticket.description).toContain('等了半小时才有人回');
      // One working day of the tenant's calendar (no calendar row: the default) from the filing.
      const calendar = new BusinessCalendar(DEFAULT_BUSINESS_CALENDAR);
      const expected = calendar.addBusinessMinutes(new Date(ticket.created_at), workingDayMinutes(DEFAULT_BUSINESS_CALENDAR.weeklyHours))!;
      expect(new Date(ticket.resolution_due_at!).toISOString()).toBe(expected.toISOString());
      // The agent sees the rating and its follow-up in the console list.
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/feedback/ratings?maxStars=3', headers: agent.headers });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items[0]).toMatchObject({ stars: 2, comment: '等了半小时才有人回', groupName: '售后服务部', agentName: 'agent of fb-shop', followUp: { id: followUpId, status: 'open' } });
      expect(list.json().items[0].followUp.ticketNumber).toMatch(/^GD/);
      // The 数据看板 as the console first opens it (no range given: the last 30 days up to today) shows the
      // rating among its recent comments. It once defaulted to the days before today, so today's never showed.
      const comments = async () => {
        const board = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: analyst.headers });
        expect(board.statusCode, board.body).toBe(200);
        return (board.json().recentComments as { stars: number; comment: string }[]).filter((c) => c.comment === '等了半小时才有人回');
      };
      await expect.poll(comments, { timeout: 10_000, interval: 100 }).toEqual([expect.objectContaining({ stars: 2 })]);
      // The tenant's first ticket trains its ticket classifier (tens of seconds on a loaded machine).
    }, 240_000);

    it('the customer cannot rate the follow-up before its outcome is recorded', async () => {
      expect((await state(chat)).followUp).toBeNull();
      const early = await t.app.inject({ method: 'POST', url: `/api/v1/widget/follow-ups/${followUpId}/rating`, headers: chat.headers, payload: { stars: 5 } });
      expect(early.statusCode).toBe(409);
    });

    it('the analyst reads but cannot record the outcome; a supervisor records it and the ticket is resolved', async () => {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: analyst.headers })).statusCode).toBe(200);
      const denied = await t.app.inject({ method: 'PATCH', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: analyst.headers, payload: { outcome: 'resolved' } });
      expect(denied.statusCode).toBe(403);
      const done = await t.app.inject({ method: 'PATCH', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: supervisor.headers, payload: { outcome: 'resolved', note: '已致电客户道歉并补发优惠券' } });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ status: 'done', outcome: 'resolved', outcomeNote: '已致电客户道歉并补发优惠券' });
      const ticket = await t.system(() => db().selectFrom('tickets').select('status').where('id', '=', ticketId).executeTakeFirstOrThrow());
      expect(ticket.status).toBe('resolved');
      const again = await t.app.inject({ method: 'PATCH', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: supervisor.headers, payload: { outcome: 'not_resolved' } });
      expect(again.statusCode).toBe(409);
    });

    it('then the customer rates how the follow-up was handled, once', async () => {
      expect((await state(chat)).followUp).toMatchObject({ id: followUpId, outcome: 'resolved', customerStars: null });
      const bad = await t.app.inject({ method: 'POST', url: `/api/v1/widget/follow-ups/${followUpId}/rating`, headers: chat.headers, payload: { stars: 7 } });
      expect(bad.statusCode).toBe(400);
      const ok = await t.app.inject({ method: 'POST', url: `/api/v1/widget/follow-ups/${followUpId}/rating`, headers: chat.headers, payload: { stars: 5 } });
      expect(ok.statusCode, ok.body).toBe(200);
      const twice = await t.app.inject({ method: 'POST', url: `/api/v1/widget/follow-ups/${followUpId}/rating`, headers: chat.headers, payload: { stars: 4 } });
      expect(twice.statusCode).toBe(409);
      const stranger = await t.startVisitor(shop);
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/widget/follow-ups/${followUpId}/rating`, headers: stranger.headers, payload: { stars: 4 } })).statusCode).toBe(404);
    });

    it('is invisible to another tenant (404)', async () => {
      const foreign = await t.login(other, 'admin');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: foreign.headers })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/feedback/follow-ups/${followUpId}`, headers: foreign.headers, payload: { outcome: 'resolved' } })).statusCode).toBe(404);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/feedback/ratings', headers: foreign.headers });
      expect(list.json().items).toEqual([]);
    });
  });

  describe('有帮助 / 没帮助', () => {
    it('records the visitor’s verdict on a bot answer, which they may change', async () => {
      const chat = await chatWithAnswer(shop);
      const post = (messageId: string, helpful: boolean, headers = chat.headers) =>
        t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${chat.conversationId}/answer-feedback`, headers, payload: { messageId, helpful } });
      expect((await post(chat.answerId, false)).statusCode).toBe(200);
      expect((await post(chat.answerId, true)).statusCode).toBe(200);
      expect((await state(chat)).answers).toEqual([{ messageId: chat.answerId, helpful: true }]);
      const row = await t.system(() => db().selectFrom('answer_feedback').selectAll().where('message_id', '=', chat.answerId).executeTakeFirstOrThrow());
      expect(row).toMatchObject({ faq_id: 'faq-return', intent: 'faq', helpful: true });
      // Only bot answers of the visitor's own conversation.
      expect((await post(randomUUID(), true)).statusCode).toBe(404);
      const foreign = await t.startVisitor(other);
      expect((await post(chat.answerId, true, foreign.headers)).statusCode).toBe(404);
    });
  });

  describe('the summary', () => {
    it('states CSAT as the share of 4–5 stars and the response rate as ratings ÷ surveys shown', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/feedback/summary', headers: analyst.headers });
      expect(res.statusCode, res.body).toBe(200);
      const summary = res.json();
      const counts = await t.system(() =>
        db()
          .selectFrom('conversation_ratings')
          .select([sql<number>`count(*)::int`.as('all'), sql<number>`count(*) filter (where stars >= 4)::int`.as('good')])
          .where('tenant_id', '=', shop.id)
          .executeTakeFirstOrThrow(),
      );
      const shown = await t.system(() => db().selectFrom('feedback_surveys').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', shop.id).where('shown_at', 'is not', null).executeTakeFirstOrThrow());
      expect(summary.ratings).toBe(Number(counts.all));
      expect(summary.csat).toBeCloseTo(Number(counts.good) / Number(counts.all));
      expect(summary.surveysShown).toBe(Number(shown.n));
      expect(summary.responseRate).toBeCloseTo(Number(counts.all) / Number(shown.n));
      expect(summary.followUps).toMatchObject({ created: 1, done: 1, rated: 1, satisfied: 1, satisfactionRate: 1 });
    });

    it('refuses a reversed range and one over 13 months', async () => {
      const reversed = await t.app.inject({ method: 'GET', url: '/api/v1/feedback/summary?from=2026-12-01&to=2026-11-01', headers: analyst.headers });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().error.message).toContain('开始日期不能晚于结束日期');
      const long = await t.app.inject({ method: 'GET', url: '/api/v1/feedback/summary?from=2025-01-01&to=2026-12-01', headers: analyst.headers });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.message).toContain('13 个月');
    });
  });
});
