import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { VisitorHandoffStatus } from '../events/domain-events.js';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { handoffDatabase } from './handoff-schema.js';
import { ChatDesk } from './test-support/chat-desk.js';

/** Generous: the first bot turn of a process also trains the shared classifiers, slow on a busy machine. */
function nextEvent<T>(socket: Socket, event: string, predicate: (v: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (v: T) => {
      if (!predicate(v)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(v);
    };
    socket.on(event, handler);
  });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

describe('handoff over the sockets', () => {
  let t: TestApp;
  let url: string;
  let tn: TestTenant;
  let desk: ChatDesk;
  let agent: StaffSession;
  let supervisor: StaffSession;
  const sockets: Socket[] = [];
  const open = (nsp: string, opts: Parameters<typeof io>[1]) => {
    const s = io(url + nsp, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await TestApp.start('pglite');
    url = await t.listen();
    tn = await t.createTenant('hq-rt');
    desk = await ChatDesk.open(t.app.zhida.database.db, tn.id);
    await desk.enlist(tn.users.agent.id, { maxChats: 1 });
    await desk.enlist(tn.users.supervisor.id, { supervisor: true, presence: 'away' });
    agent = await t.login(tn, 'agent');
    supervisor = await t.login(tn, 'supervisor');
    // The tenant's model is built here, so the tests wait for delivery, not for training.
    await t.as(tn, async () => {
      await t.app.zhida.brains.get({ tenantId: tn.id });
      await t.app.zhida.brains.dialogue({ tenantId: tn.id });
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('offers the chat to the agent, alerts the supervisor on high risk, and tells the visitor where they stand', async () => {
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const supervisorSocket = open('/agent', { extraHeaders: { cookie: supervisor.cookie } });
    await Promise.all([connected(agentSocket), connected(supervisorSocket)]);

    // First visitor: offered to the agent (who is then full).
    const v1 = await t.startVisitor(tn);
    const offer = nextEvent<{ requestId: string; conversationId: string; summary: string; channel: string }>(agentSocket, 'handoff.offer', (o) => o.conversationId === v1.conversationId);
    const changed = nextEvent<{ conversationId: string; status: string }>(supervisorSocket, 'handoff.changed', (e) => e.conversationId === v1.conversationId && e.status === 'offered');
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v1.conversationId}/messages`, headers: v1.headers, payload: { text: '转人工', clientMsgId: 'rt-1' } });
    // The bot's summary (the context panel's), not merely the last words.
    expect((await offer).summary).toMatch(/^客户(主动)?要求转人工，未说明原因/);
    // The offer card tags where the customer is (a widget visitor here).
    expect((await offer).channel).toBe('web');
    await changed;

    // Second visitor, high risk: waits behind nobody (priority 0) and the group's supervisor is alerted.
    const v2 = await t.startVisitor(tn);
    const widget = open('/widget', { auth: { token: v2.token, conversationId: v2.conversationId } });
    await connected(widget);
    const alert = nextEvent<{ conversationId: string; priority: number; summary: string; channel: string }>(supervisorSocket, 'handoff.alert', (a) => a.conversationId === v2.conversationId);
    const waiting = nextEvent<VisitorHandoffStatus>(widget, 'handoff.status', (s) => s.state === 'waiting');
    await t.as(tn, () => t.app.zhida.handoff.port.request({ tenantId: tn.id }, { conversationId: v2.conversationId, reason: 'high_risk', riskLevel: 'high', emotion: 'anger', intent: null, locale: 'zh-CN' }));
    const alerted = await alert;
    expect(alerted.priority).toBe(0);
    expect(alerted.channel).toBe('web');
    // The handoff request's reason speaks in the summary even though the bot never saw a message.
    expect(alerted.summary).toContain('投诉风险高');
    expect(await waiting).toMatchObject({ state: 'waiting', ahead: 0 });

    // The agent declines the first chat: its slot goes to the high-risk one (priority first), and its visitor hears "connected" after accept.
    const [first] = await t.as(tn, () => handoffDatabase(t.app.zhida.database.db).selectFrom('handoff_requests').select('id').where('conversation_id', '=', v1.conversationId).execute());
    const secondOffer = nextEvent<{ requestId: string; conversationId: string }>(agentSocket, 'handoff.offer', (o) => o.conversationId === v2.conversationId);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/handoff/requests/${first!.id}/decline`, headers: agent.headers })).statusCode).toBe(200);
    const { requestId } = await secondOffer;
    const connectedStatus = nextEvent<VisitorHandoffStatus>(widget, 'handoff.status', (s) => s.state === 'connected');
    const joined = nextEvent<{ text: string; senderType: string }>(widget, 'message', (m) => m.senderType === 'system');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/handoff/requests/${requestId}/accept`, headers: agent.headers })).statusCode).toBe(200);
    expect((await connectedStatus).agentName).toBe(`agent of ${tn.slug}`);
    expect((await joined).text).toBe(`客服 agent of ${tn.slug} 已接入`);
  });

  it('tells staff about presence changes and counts a console socket as a heartbeat', async () => {
    const db = handoffDatabase(t.app.zhida.database.db);
    await t.as(tn, () => db.updateTable('agent_profiles').set({ last_seen_at: new Date('2026-01-01T00:00:00Z') }).where('user_id', '=', tn.users.supervisor.id).execute());
    const watcher = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    await connected(watcher);
    const presence = nextEvent<{ userId: string; presence: string }>(watcher, 'agent.presence_changed', (p) => p.userId === tn.users.supervisor.id);
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/agents/me/presence', headers: supervisor.headers, payload: { presence: 'online' } });
    expect(res.statusCode).toBe(200);
    expect((await presence).presence).toBe('online');

    await t.as(tn, () => db.updateTable('agent_profiles').set({ last_seen_at: new Date('2026-01-01T00:00:00Z') }).where('user_id', '=', tn.users.supervisor.id).execute());
    const console = open('/agent', { extraHeaders: { cookie: supervisor.cookie } });
    await connected(console);
    const seenAt = async () => (await t.as(tn, () => db.selectFrom('agent_profiles').select('last_seen_at').where('user_id', '=', tn.users.supervisor.id).executeTakeFirstOrThrow())).last_seen_at;
    const deadline = Date.now() + 5000;
    // The heartbeat on connect is fire-and-forget: poll until it has landed.
    while (new Date((await seenAt())!).getTime() <= Date.parse('2026-01-01T00:00:00Z') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - new Date((await seenAt())!).getTime()).toBeLessThan(10_000);
    // Seen just now: the sweep leaves them online.
    await t.app.zhida.handoff.loop.tick();
    expect((await t.as(tn, () => db.selectFrom('agent_profiles').select('presence').where('user_id', '=', tn.users.supervisor.id).executeTakeFirstOrThrow())).presence).toBe('online');
  });
});
