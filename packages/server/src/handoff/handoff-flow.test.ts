import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { provisionTemplateTenant } from '../test-support/template-tenant.js';
import { handoffDatabase, type HandoffRequestRow } from './handoff-schema.js';
import { ChatDesk } from './test-support/chat-desk.js';

const backends = await testBackends();

describe.each(backends)('the handoff queue over HTTP (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let n = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await TestApp.start(backend);
    url = await t.listen();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const db = () => handoffDatabase(t.app.zhida.database.db);
  const tenant = () => t.createTenant(`hq-${backend}-${++n}`);
  const say = (v: { conversationId: string; headers: Record<string, string> }, text: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text, clientMsgId: `m-${++n}` } });
  const requests = (tn: TestTenant, conversationId: string): Promise<HandoffRequestRow[]> =>
    t.as(tn, () => db().selectFrom('handoff_requests').selectAll().where('tenant_id', '=', tn.id).where('conversation_id', '=', conversationId).orderBy('created_at').execute());
  const conversation = (tn: TestTenant, id: string) => t.as(tn, () => t.app.zhida.conversations.get({ tenantId: tn.id }, id));
  const visitorMessages = async (v: { conversationId: string; headers: Record<string, string> }) =>
    (await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers })).json().items as { text: string; senderType: string; internal: boolean; quickReplies: string[] }[];
  const post = (session: StaffSession, path: string, payload?: object) => t.app.inject({ method: 'POST', url: `/api/v1${path}`, headers: session.headers, ...(payload ? { payload } : {}) });

  describe('the conversation picks the desk', () => {
    // Training the template's model is setup, under the hook timeout, not part of the test's budget.
    let tn: TestTenant;
    beforeAll(async () => {
      tn = await provisionTemplateTenant(t, { slug: `hq-shop-${backend}`, name: '网店', template: 'ecommerce' });
    });

    it('sends "我要退货" then "转人工" to the desk serving returns, and a bare "转人工" to the default desk', async () => {
      const general = await ChatDesk.open(t.app.zhida.database.db, tn.id, { name: '人工总台', isDefault: true, intents: ['human_agent'] });
      const returns = await ChatDesk.open(t.app.zhida.database.db, tn.id, { name: '退货专席', intents: ['return_request'] });
      await general.agent('综合客服');
      await returns.agent('售后客服');

      const shopper = await t.startVisitor(tn);
      await say(shopper, '我要退货');
      expect((await say(shopper, '转人工')).json().replies[0].meta.kind).toBe('handoff');
      expect((await requests(tn, shopper.conversationId))[0]).toMatchObject({ group_id: returns.groupId, status: 'offered' });

      const other = await t.startVisitor(tn);
      await say(other, '转人工');
      expect((await requests(tn, other.conversationId))[0]).toMatchObject({ group_id: general.groupId, status: 'offered' });
    });
  });

  describe('enqueue → offer → accept', () => {
    let tn: TestTenant;
    let agent: StaffSession;
    beforeAll(async () => {
      tn = await tenant();
      const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
      await desk.enlist(tn.users.agent.id);
      agent = await t.login(tn, 'agent');
    });

    it('queues the visitor, offers the chat to the online agent and connects them on accept', async () => {
      const v = await t.startVisitor(tn);
      expect((await say(v, '转人工')).json().replies[0].meta.kind).toBe('handoff');
      const [r] = await requests(tn, v.conversationId);
      expect(r).toMatchObject({ status: 'offered', offered_to: tn.users.agent.id, offer_count: 1, priority: 3, reason: 'user_request' });
      expect((await conversation(tn, v.conversationId)).handoff).toBe(true);
      expect((await visitorMessages(v)).map((m) => m.text)).toContain('正在为您转接人工客服，前面还有 0 位，预计等待 1 分钟');

      const mine = (await t.app.inject({ url: '/api/v1/handoff/mine', headers: agent.headers })).json().items;
      expect(mine).toEqual([expect.objectContaining({ id: r!.id, status: 'offered', offeredTo: tn.users.agent.id, summary: '转人工' })]);

      const accepted = await post(agent, `/handoff/requests/${r!.id}/accept`);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 'assigned', assignedTo: tn.users.agent.id });
      expect((await conversation(tn, v.conversationId)).assigneeId).toBe(tn.users.agent.id);
      expect((await visitorMessages(v)).at(-1)).toMatchObject({ senderType: 'system', text: `客服 agent of ${tn.slug} 已接入` });
      expect((await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/handoff`, headers: v.headers })).json()).toMatchObject({ state: 'connected', agentName: `agent of ${tn.slug}` });

      // The bot stays quiet while the agent holds the chat.
      expect((await say(v, '怎么退货')).json().replies).toEqual([]);
      const again = await post(agent, `/handoff/requests/${r!.id}/accept`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('handoff_already_taken');
    });

    it('an agent writing first holds the chat as before; transferring it later gives it a chat group', async () => {
      const v = await t.startVisitor(tn);
      expect((await post(agent, `/conversations/${v.conversationId}/messages`, { text: '您好，我来跟进', clientMsgId: 'first-1' })).statusCode).toBe(201);
      expect(await conversation(tn, v.conversationId)).toMatchObject({ handoff: true, assigneeId: tn.users.agent.id });
      expect(await requests(tn, v.conversationId)).toEqual([]);
      const group = (await t.as(tn, () => db().selectFrom('agent_groups').select('id').where('tenant_id', '=', tn.id).executeTakeFirstOrThrow())).id;
      const res = await post(agent, `/conversations/${v.conversationId}/transfer`, { toUserId: tn.users.agent.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'assigned', groupId: group, reason: 'transfer' });
    });

    it('closes with a disposition, ending the request', async () => {
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const [r] = await requests(tn, v.conversationId);
      expect((await post(agent, `/handoff/requests/${r!.id}/accept`)).statusCode).toBe(200);
      const closed = await post(agent, `/conversations/${v.conversationId}/close`, { disposition: 'resolved' });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', disposition: 'resolved', handoff: false });
      expect((await requests(tn, v.conversationId))[0]).toMatchObject({ status: 'ended', end_reason: 'closed' });
      expect((await post(agent, `/conversations/${v.conversationId}/close`, { disposition: 'nonsense' })).statusCode).toBe(400);

      // Closing through the generic update ends a waiting request too, and the reopened chat is the bot's.
      const w = await t.startVisitor(tn);
      await say(w, '转人工');
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${w.conversationId}`, headers: agent.headers, payload: { status: 'closed' } });
      expect(patched.json()).toMatchObject({ status: 'closed', handoff: false });
      expect((await requests(tn, w.conversationId))[0]).toMatchObject({ status: 'cancelled', end_reason: 'closed' });
      await say(w, '你好');
      expect((await say(w, '你好呀')).json().replies.length).toBeGreaterThan(0);
    });

    it('a visitor who leaves a message instead of waiting leaves the queue', async () => {
      const busy = await t.startVisitor(tn);
      await say(busy, '转人工');
      await t.as(tn, () => db().updateTable('agent_profiles').set({ presence: 'away' }).where('user_id', '=', tn.users.agent.id).execute());
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      // Nobody online now: unavailable. Put the agent back and ask again: queued behind the offered one.
      expect((await requests(tn, v.conversationId))[0]!.status).toBe('unavailable');
      await t.as(tn, () => db().updateTable('agent_profiles').set({ presence: 'online', max_chats: 0 }).where('user_id', '=', tn.users.agent.id).execute());
      await say(v, '转人工');
      expect((await requests(tn, v.conversationId)).at(-1)!.status).toBe('queued');
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/leave-message`, headers: v.headers, payload: { text: '不等了，请回电' } });
      expect(res.statusCode).toBe(201);
      expect((await requests(tn, v.conversationId)).at(-1)).toMatchObject({ status: 'left_message' });
      expect((await conversation(tn, v.conversationId)).handoff).toBe(false);
      await t.as(tn, () => db().updateTable('agent_profiles').set({ max_chats: 5 }).where('user_id', '=', tn.users.agent.id).execute());
    });
  });

  describe('offers that expire, and agents that vanish', () => {
    let tn: TestTenant;
    let desk: ChatDesk;
    let a: string;
    let b: string;
    beforeAll(async () => {
      tn = await tenant();
      desk = await ChatDesk.open(t.app.zhida.database.db, tn.id, { offerTimeoutSeconds: 5 });
      a = await desk.agent('小王');
      b = await desk.agent('小李');
    });

    it('moves an unanswered offer to the next agent once its time is up', async () => {
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const [first] = await requests(tn, v.conversationId);
      expect(first!.status).toBe('offered');
      const firstAgent = first!.offered_to!;
      expect([a, b]).toContain(firstAgent);
      expect(new Date(first!.offer_expires_at!).getTime() - new Date(first!.offered_at!).getTime()).toBe(5000);
      // Not yet due: a tick changes nothing.
      await t.app.zhida.handoff.loop.tick();
      expect((await requests(tn, v.conversationId))[0]!.offered_to).toBe(firstAgent);

      await t.as(tn, () => db().updateTable('handoff_requests').set({ offer_expires_at: new Date(Date.now() - 1000) }).where('id', '=', first!.id).execute());
      await t.app.zhida.handoff.loop.tick();
      const [moved] = await requests(tn, v.conversationId);
      expect(moved).toMatchObject({ status: 'offered', offered_to: firstAgent === a ? b : a, skipped_agents: [firstAgent], offer_count: 2 });
    });

    it('returns the chats of an agent whose console went silent, keeping their place in the queue', async () => {
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const [r] = await requests(tn, v.conversationId);
      const holder = r!.offered_to!;
      const service = t.app.zhida.handoff.service;
      await t.as(tn, () => service.accept({ tenantId: tn.id, userId: holder, name: '值班' }, r!.id));
      await say(v, '你好，在吗？');
      await t.as(tn, () => db().updateTable('agent_profiles').set({ last_seen_at: new Date(Date.now() - 120_000) }).where('user_id', '=', holder).execute());
      await t.app.zhida.handoff.loop.tick();

      const profile = await t.as(tn, () => db().selectFrom('agent_profiles').select('presence').where('user_id', '=', holder).executeTakeFirstOrThrow());
      expect(profile.presence).toBe('offline');
      const [old, renewed] = await requests(tn, v.conversationId);
      expect(old).toMatchObject({ status: 'ended', end_reason: 'agent_offline' });
      expect(new Date(renewed!.queued_at).getTime()).toBe(new Date(r!.queued_at).getTime());
      // The other agent (still seen) gets it at once.
      expect(renewed).toMatchObject({ status: 'offered', offered_to: holder === a ? b : a });
      expect((await conversation(tn, v.conversationId)).assigneeId).toBeNull();
      // Back online for the next tests.
      await t.as(tn, () => db().updateTable('agent_profiles').set({ presence: 'online', last_seen_at: new Date() }).where('user_id', '=', holder).execute());
    });
  });

  describe('nobody to hand off to', () => {
    it('outside business hours: unavailable with the hours and 留言, and the bot keeps answering', async () => {
      const tn = await tenant();
      const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id, { hours: 'closed_now' });
      await desk.agent('夜班');
      await t.addFaq(tn, '怎么退货？', '退货流程：在订单中申请售后。', ['如何退货']);
      const v = await t.startVisitor(tn);
      const [reply] = (await say(v, '转人工')).json().replies as { text: string; meta: { kind: string } }[];
      // No promise of a transfer that the notice below takes back; the turn is still recorded as a handoff.
      expect(reply).toMatchObject({ text: '非常抱歉给您带来不便。', meta: { kind: 'handoff' } });
      expect((await requests(tn, v.conversationId))[0]).toMatchObject({ status: 'unavailable', end_reason: 'outside_hours' });
      expect((await conversation(tn, v.conversationId)).handoff).toBe(false);
      const notice = (await visitorMessages(v)).at(-1)!;
      expect(notice.senderType).toBe('system');
      expect(notice.text).toMatch(/人工客服的服务时间为 09:00–18:00/);
      expect(notice.quickReplies).toEqual(['留言']);
      expect((await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/handoff`, headers: v.headers })).json()).toMatchObject({ state: 'unavailable', message: expect.stringMatching(/09:00–18:00/) });
      const answer = (await say(v, '怎么退货')).json();
      expect(answer.replies.map((r: { text: string }) => r.text).join()).toMatch(/退货流程/);
    });

    it('no agent online: says so in English for an English visitor', async () => {
      const tn = await tenant();
      const desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
      await desk.agent('Away', { presence: 'away' });
      const v = await t.startVisitor(tn, { locale: 'en' });
      await say(v, 'I want a human agent');
      const [r] = await requests(tn, v.conversationId);
      expect(r).toMatchObject({ status: 'unavailable', end_reason: 'no_agent_online', required_skills: ['English'] });
      expect((await visitorMessages(v)).at(-1)).toMatchObject({ senderType: 'system', quickReplies: ['Leave a message'], text: expect.stringMatching(/No agent is online/) });
    });

    it('a left message becomes a chat ticket with the transcript, and the request records it', async () => {
      const tn = await tenant();
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      expect((await requests(tn, v.conversationId))[0]).toMatchObject({ status: 'unavailable', end_reason: 'no_chat_group' });
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/leave-message`, headers: v.headers, payload: { text: '请回电，订单 20261118883301 没收到', contact: '13800000000' } });
      expect(res.statusCode).toBe(201);
      const { ticketNumber } = res.json();
      const [r] = await requests(tn, v.conversationId);
      expect(r).toMatchObject({ status: 'left_message' });
      const ticket = await t.as(tn, () => db().selectFrom('tickets').selectAll().where('tenant_id', '=', tn.id).where('number', '=', ticketNumber).executeTakeFirstOrThrow());
      expect(r!.ticket_id).toBe(ticket.id);
      expect(ticket).toMatchObject({ channel: 'chat', conversation_id: v.conversationId });
      expect(ticket.description).toContain('13800000000');
      const notes = await t.as(tn, () => db().selectFrom('ticket_events').select(['type', 'body']).where('ticket_id', '=', ticket.id).execute());
      expect(JSON.stringify(notes)).toContain('转人工');
      expect((await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/handoff`, headers: v.headers })).json().state).toBe('left_message');
      const bad = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/leave-message`, headers: v.headers, payload: { text: '' } });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('refusals', () => {
    let tn: TestTenant;
    let desk: ChatDesk;
    let agent: StaffSession;
    let supervisor: StaffSession;
    beforeAll(async () => {
      tn = await tenant();
      desk = await ChatDesk.open(t.app.zhida.database.db, tn.id, { skills: ['信用卡'] });
      await desk.enlist(tn.users.agent.id, { skills: ['信用卡'], maxChats: 1 });
      await desk.enlist(tn.users.supervisor.id, { skills: ['信用卡'], supervisor: true, presence: 'away' });
      agent = await t.login(tn, 'agent');
      supervisor = await t.login(tn, 'supervisor');
    });

    it('answers 409 with a stable code for each refusal', async () => {
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const [r] = await requests(tn, v.conversationId);
      expect(r).toMatchObject({ status: 'offered', offered_to: tn.users.agent.id });
      const notMine = await post(supervisor, `/handoff/requests/${r!.id}/decline`);
      expect([notMine.statusCode, notMine.json().error.code]).toEqual([409, 'handoff_not_offered_to_you']);
      const taken = await post(supervisor, `/handoff/requests/${r!.id}/accept`);
      expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'handoff_already_taken']);
      expect((await post(agent, `/handoff/requests/${r!.id}/accept`)).statusCode).toBe(200);

      const lacking = await desk.agent('新人', { skills: [] });
      expect((await post(agent, `/conversations/${v.conversationId}/transfer`, { toUserId: lacking })).json().error.code).toBe('agent_lacks_skill');
      const offline = await desk.agent('下班', { skills: ['信用卡'], presence: 'offline' });
      expect((await post(agent, `/conversations/${v.conversationId}/transfer`, { toUserId: offline })).json().error.code).toBe('agent_offline');
      const full = await desk.agent('满了', { skills: ['信用卡'], maxChats: 0 });
      const atCapacity = await post(agent, `/conversations/${v.conversationId}/transfer`, { toUserId: full });
      expect([atCapacity.statusCode, atCapacity.json().error.code]).toEqual([409, 'agent_at_capacity']);
      expect((await post(agent, `/conversations/${v.conversationId}/transfer`, { toUserId: full, toGroupId: desk.groupId })).statusCode).toBe(400);
      // Nothing moved.
      expect((await requests(tn, v.conversationId)).map((x) => x.status)).toEqual(['assigned']);

      // The agent is full now: a second visitor waits; pulling it is refused.
      const w = await t.startVisitor(tn);
      await say(w, '转人工');
      const [waiting] = await requests(tn, w.conversationId);
      expect(waiting!.status).toBe('queued');
      expect((await post(agent, `/handoff/requests/${waiting!.id}/accept`)).json().error.code).toBe('agent_at_capacity');
      // Writing to a waiting chat is taking it: refused the same way, and nothing is posted.
      const write = await post(agent, `/conversations/${w.conversationId}/messages`, { text: '您好', clientMsgId: 'grab-1' });
      expect([write.statusCode, write.json().error.code]).toEqual([409, 'agent_at_capacity']);
      expect((await visitorMessages(w)).some((m) => m.text === '您好')).toBe(false);

      // A supervisor takes the first chat over; the agent's slot frees and the waiting chat is offered to them.
      const takeOver = await post(supervisor, `/handoff/requests/${(await requests(tn, v.conversationId))[0]!.id}/reassign`, { toUserId: tn.users.supervisor.id });
      expect(takeOver.statusCode).toBe(200);
      expect(takeOver.json()).toMatchObject({ status: 'assigned', assignedTo: tn.users.supervisor.id, reason: 'transfer' });
      expect((await requests(tn, w.conversationId))[0]).toMatchObject({ status: 'offered', offered_to: tn.users.agent.id });
      expect((await post(agent, `/handoff/requests/${waiting!.id}/reassign`, { toUserId: tn.users.agent.id })).statusCode).toBe(403);
    });

    it('transfers to a group: the wait and priority carry over, with the note', async () => {
      const other = await ChatDesk.open(t.app.zhida.database.db, tn.id, { name: '二线' });
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const [r] = await requests(tn, v.conversationId);
      const res = await post(supervisor, `/conversations/${v.conversationId}/transfer`, { toGroupId: other.groupId, note: '需要二线处理' });
      expect(res.statusCode).toBe(200);
      const [old, moved] = await requests(tn, v.conversationId);
      expect(old).toMatchObject({ status: 'ended', end_reason: 'transferred' });
      expect(moved).toMatchObject({ status: 'queued', group_id: other.groupId, reason: 'transfer', priority: r!.priority, transfer_note: '需要二线处理', transferred_from: tn.users.supervisor.id });
      expect(new Date(moved!.queued_at).getTime()).toBe(new Date(r!.queued_at).getTime());
    });

    it('lets the visitor give up waiting, after which the bot answers again', async () => {
      const v = await t.startVisitor(tn);
      await say(v, '转人工');
      const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/handoff/cancel`, headers: v.headers });
      expect(cancel.statusCode).toBe(200);
      expect(cancel.json().state).toBe('none');
      expect((await requests(tn, v.conversationId)).at(-1)).toMatchObject({ status: 'cancelled', end_reason: 'visitor_cancelled' });
      expect((await conversation(tn, v.conversationId)).handoff).toBe(false);
      expect((await say(v, '你好')).json().replies.length).toBeGreaterThan(0);
      const again = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/handoff/cancel`, headers: v.headers });
      expect([again.statusCode, again.json().error.code]).toEqual([409, 'handoff_not_active']);
    });
  });

  describe('internal notes', () => {
    it('never reach the visitor: not over the widget API, not over the widget socket', async () => {
      const tn = await tenant();
      const agent = await t.login(tn, 'agent');
      const v = await t.startVisitor(tn);
      const socket = io(`${url}/widget`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: v.token, conversationId: v.conversationId } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const seen: { text: string }[] = [];
      socket.on('message', (m: { text: string }) => seen.push(m));

      const note = await post(agent, `/conversations/${v.conversationId}/notes`, { text: '内部备注：客户是老用户', clientMsgId: 'note-1' });
      expect(note.statusCode).toBe(201);
      expect(note.json()).toMatchObject({ internal: true, senderType: 'agent' });
      const invite = await post(agent, `/conversations/${v.conversationId}/invite`, { userId: tn.users.supervisor.id, note: '帮忙看看' });
      expect(invite.statusCode).toBe(201);
      expect(invite.json().text).toBe(`邀请 主管 supervisor of ${tn.slug}：帮忙看看`);
      const reply = await post(agent, `/conversations/${v.conversationId}/messages`, { text: '您好，请问有什么可以帮您？', clientMsgId: 'reply-1' });
      expect(reply.statusCode).toBe(201);
      await waitFor(() => seen.some((m) => m.text === '您好，请问有什么可以帮您？'));

      expect(seen.map((m) => m.text)).not.toContain('内部备注：客户是老用户');
      expect(seen.some((m) => m.text.startsWith('邀请'))).toBe(false);
      const widgetView = await visitorMessages(v);
      expect(widgetView.map((m) => m.text)).toContain('您好，请问有什么可以帮您？');
      expect(widgetView.some((m) => m.internal || m.text.includes('内部备注') || m.text.startsWith('邀请'))).toBe(false);
      // Staff see the notes in the transcript.
      const staffView = (await t.app.inject({ url: `/api/v1/conversations/${v.conversationId}/messages`, headers: agent.headers })).json().items;
      expect(staffView.filter((m: { internal: boolean }) => m.internal)).toHaveLength(2);
      // Inviting someone who is not staff here is a 404.
      const other = await tenant();
      expect((await post(agent, `/conversations/${v.conversationId}/invite`, { userId: other.users.supervisor.id })).statusCode).toBe(404);
    });
  });

  describe("the supervisor's hot list", () => {
    it('names the agent a high-risk chat is on offer to, and nobody once it is back in the queue', async () => {
      const tn = await tenant();
      await (await ChatDesk.open(t.app.zhida.database.db, tn.id)).enlist(tn.users.agent.id);
      const admin = await t.login(tn, 'admin');
      const agent = await t.login(tn, 'agent');
      const v = await t.startVisitor(tn);
      await say(v, '再不处理我就去12315投诉');
      const [r] = await requests(tn, v.conversationId);
      expect(r).toMatchObject({ status: 'offered', priority: 0 });
      const hotRow = async () => ((await t.app.inject({ url: '/api/v1/handoff/overview', headers: admin.headers })).json().hot as { requestId: string; status: string; offeredTo: string | null }[]).find((h) => h.requestId === r!.id);
      expect(await hotRow()).toMatchObject({ status: 'offered', offeredTo: tn.users.agent.id, assignedTo: null });

      // Declined with nobody else to take it: the row keeps offered_to, the overview must not name them.
      await post(agent, `/handoff/requests/${r!.id}/decline`);
      const after = await hotRow();
      expect(after?.offeredTo ?? null).toBe(after?.status === 'offered' ? tn.users.agent.id : null);
      const accepted = await post(agent, `/handoff/requests/${r!.id}/accept`);
      expect(accepted.statusCode).toBe(200);
      expect(await hotRow()).toMatchObject({ status: 'assigned', offeredTo: null, assignedTo: tn.users.agent.id });
    });
  });

  describe('another tenant', () => {
    it("answers 404 for the other tenant's requests, conversations and users", async () => {
      const a = await tenant();
      const b = await tenant();
      await (await ChatDesk.open(t.app.zhida.database.db, b.id)).enlist(b.users.agent.id);
      const vb = await t.startVisitor(b);
      await say(vb, '转人工');
      const [rb] = await requests(b, vb.conversationId);
      const adminA = await t.login(a, 'admin');
      for (const path of [`/handoff/requests/${rb!.id}/accept`, `/handoff/requests/${rb!.id}/decline`]) expect((await post(adminA, path)).statusCode, path).toBe(404);
      expect((await post(adminA, `/handoff/requests/${rb!.id}/reassign`, { toUserId: a.users.admin.id })).statusCode).toBe(404);
      expect((await post(adminA, `/conversations/${vb.conversationId}/close`, { disposition: 'spam' })).statusCode).toBe(404);
      const va = await t.startVisitor(a);
      expect((await post(adminA, `/conversations/${va.conversationId}/transfer`, { toUserId: b.users.agent.id })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/agents/${b.users.agent.id}`, headers: adminA.headers, payload: { maxChats: 9 } })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/widget/conversations/${vb.conversationId}/handoff`, headers: va.headers })).statusCode).toBe(404);
      const queue = await t.app.inject({ url: '/api/v1/handoff/queue', headers: adminA.headers });
      expect(queue.json().items).toEqual([]);
      expect((await requests(b, vb.conversationId))[0]!.status).toBe('offered');
    });
  });

  describe('agent profiles', () => {
    it('creates a profile lazily, sets presence, capacity and skills', async () => {
      const tn = await tenant();
      const agent = await t.login(tn, 'agent');
      const admin = await t.login(tn, 'admin');
      expect((await t.app.inject({ url: '/api/v1/agents/me', headers: agent.headers })).json()).toMatchObject({ userId: tn.users.agent.id, presence: 'offline', maxChats: 5, skills: [], activeChats: 0, groups: [] });
      const online = await t.app.inject({ method: 'PUT', url: '/api/v1/agents/me/presence', headers: agent.headers, payload: { presence: 'online' } });
      expect(online.json().presence).toBe('online');
      expect((await t.app.inject({ method: 'PUT', url: '/api/v1/agents/me/presence', headers: agent.headers, payload: { presence: 'busy' } })).statusCode).toBe(400);
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/agents/${tn.users.agent.id}`, headers: admin.headers, payload: { maxChats: 8, skills: ['售后', '售后', 'English'] } });
      expect(patched.json()).toMatchObject({ maxChats: 8, skills: ['售后', 'English'] });
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/agents/${tn.users.agent.id}`, headers: agent.headers, payload: { maxChats: 50 } })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/agents/${tn.users.agent.id}`, headers: admin.headers, payload: { maxChats: 51 } })).statusCode).toBe(400);
      const list = (await t.app.inject({ url: '/api/v1/agents', headers: agent.headers })).json().items;
      expect(list.find((p: { userId: string }) => p.userId === tn.users.agent.id)).toMatchObject({ presence: 'online', maxChats: 8 });
      const overview = await t.app.inject({ url: '/api/v1/handoff/overview', headers: admin.headers });
      expect(overview.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/handoff/overview', headers: agent.headers })).statusCode).toBe(403);
    });
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
