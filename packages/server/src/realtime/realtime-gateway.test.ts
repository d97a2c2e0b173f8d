import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends, testRedis, TEST_REDIS_URL } from '../test-support/test-backends.js';
import { identityHash } from '../widget/identity-verifier.js';

const backends = await testBackends();

function nextEvent<T>(socket: Socket, event: string, predicate: (v: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
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

function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (v: T) => seen.push(v));
  return seen;
}

describe.each(backends)('realtime delivery (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let shop: TestTenant;
  let other: TestTenant;
  let agent: StaffSession;
  let otherAgent: StaffSession;
  const sockets: Socket[] = [];
  const open = (nsp: string, opts: Parameters<typeof io>[1]) => {
    const s = io(url + nsp, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await TestApp.start(backend);
    url = await t.listen();
    shop = await t.createTenant('rt-shop');
    other = await t.createTenant('rt-other');
    await t.addFaq(shop, '怎么退货？', '退货流程：在订单中申请售后。', ['如何退货']);
    // The tenant's model and dialogue are built here, so the push tests wait for delivery, not for training.
    await t.as(shop, async () => {
      await t.app.zhida.brains.get({ tenantId: shop.id });
      await t.app.zhida.brains.dialogue({ tenantId: shop.id });
    });
    agent = await t.login(shop, 'agent');
    otherAgent = await t.login(other, 'agent');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('pushes the bot reply to the visitor and the message to the tenant’s agents only', async () => {
    const v = await t.startVisitor(shop);
    const visitorSocket = open('/widget', { auth: { token: v.token, conversationId: v.conversationId } });
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const foreignSocket = open('/agent', { extraHeaders: { cookie: otherAgent.cookie } });
    await Promise.all([connected(visitorSocket), connected(agentSocket), connected(foreignSocket)]);
    const leaked = collect(foreignSocket, 'message');

    const botReply = nextEvent<{ senderType: string; text: string }>(visitorSocket, 'message', (m) => m.senderType === 'bot');
    const agentSees = nextEvent<{ senderType: string; conversationId: string }>(agentSocket, 'message', (m) => m.senderType === 'visitor');
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text: '如何退货', clientMsgId: 'rt-1' } });
    expect((await botReply).text).toContain('退货流程');
    expect((await agentSees).conversationId).toBe(v.conversationId);

    const agentReply = nextEvent<{ senderType: string; text: string }>(visitorSocket, 'message', (m) => m.senderType === 'agent');
    await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/messages`, headers: agent.headers, payload: { text: '我来帮您处理', clientMsgId: 'rt-2' } });
    expect((await agentReply).text).toBe('我来帮您处理');
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });

  it('gives agents ID and card numbers masked on the socket, as the message list does, and a pii.reveal role in full', async () => {
    const supervisor = await t.login(shop, 'supervisor');
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const supervisorSocket = open('/agent', { extraHeaders: { cookie: supervisor.cookie } });
    await Promise.all([connected(agentSocket), connected(supervisorSocket)]);
    const agentSees = nextEvent<{ text: string }>(agentSocket, 'message', (m) => m.text.startsWith('身份证'));
    const supervisorSees = nextEvent<{ text: string }>(supervisorSocket, 'message', (m) => m.text.startsWith('身份证'));
    const message = { id: 'm-pii', conversationId: '00000000-0000-4000-8000-000000000001', seq: 1, senderType: 'visitor', text: '身份证11010519491231002X' };
    t.app.zhida.events.emit('message.created', { tenantId: shop.id, message: message as never });
    expect((await agentSees).text).toBe('身份证110105********002X');
    expect((await supervisorSees).text).toBe('身份证11010519491231002X');
  });

  it('relays typing between the visitor and agents', async () => {
    const v = await t.startVisitor(shop);
    const visitorSocket = open('/widget', { auth: { token: v.token, conversationId: v.conversationId } });
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    await Promise.all([connected(visitorSocket), connected(agentSocket)]);
    const agentSeesTyping = nextEvent<{ conversationId: string; isTyping: boolean }>(agentSocket, 'typing');
    visitorSocket.emit('typing', { isTyping: true });
    expect(await agentSeesTyping).toMatchObject({ conversationId: v.conversationId, senderType: 'visitor', isTyping: true });
    const visitorSeesTyping = nextEvent<{ senderType: string }>(visitorSocket, 'typing');
    agentSocket.emit('typing', { conversationId: v.conversationId, isTyping: true });
    expect(await visitorSeesTyping).toMatchObject({ senderType: 'agent', isTyping: true });
  });

  it('refuses a visitor socket for another conversation, and an agent socket without a session', async () => {
    const a = await t.startVisitor(shop);
    const b = await t.startVisitor(shop);
    await expect(connected(open('/widget', { auth: { token: a.token, conversationId: b.conversationId } }))).rejects.toThrow('not_found');
    await expect(connected(open('/widget', { auth: { token: 'forged', conversationId: a.conversationId } }))).rejects.toThrow('unauthorized');
    await expect(connected(open('/agent', {}))).rejects.toThrow('unauthorized');
    await expect(connected(open('/agent', { extraHeaders: { cookie: agent.cookie, origin: 'https://evil.example' } }))).rejects.toThrow('forbidden_origin');
  });

  it('tells the tenant’s staff and the owning visitor that a ticket changed, and no one else', async () => {
    const v = await t.startVisitor(shop);
    const stranger = await t.startVisitor(shop, {}, '10.1.0.2');
    const visitorSocket = open('/widget', { auth: { token: v.token, conversationId: v.conversationId } });
    const strangerSocket = open('/widget', { auth: { token: stranger.token, conversationId: stranger.conversationId } });
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const foreignSocket = open('/agent', { extraHeaders: { cookie: otherAgent.cookie } });
    await Promise.all([connected(visitorSocket), connected(strangerSocket), connected(agentSocket), connected(foreignSocket)]);
    const leaked = [...collect(strangerSocket, 'ticket.changed'), ...collect(foreignSocket, 'ticket.changed')];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent.headers, payload: { description: '电话里说的退款问题', conversationId: v.conversationId } });
    const ticket = res.json() as { id: string; number: string };
    const visitorHears = nextEvent<{ ticketId: string; number: string }>(visitorSocket, 'ticket.changed', (e) => e.ticketId === ticket.id);
    const agentHears = nextEvent<{ ticketId: string }>(agentSocket, 'ticket.changed', (e) => e.ticketId === ticket.id);
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers: agent.headers, payload: { body: '已为您登记' } });
    expect(await visitorHears).toEqual({ ticketId: ticket.id, number: ticket.number });
    expect((await agentHears).ticketId).toBe(ticket.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });

  it('tells the tenant’s staff, and only them, about an SLA warning or breach', async () => {
    const v = await t.startVisitor(shop);
    const visitorSocket = open('/widget', { auth: { token: v.token, conversationId: v.conversationId } });
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const foreignSocket = open('/agent', { extraHeaders: { cookie: otherAgent.cookie } });
    await Promise.all([connected(visitorSocket), connected(agentSocket), connected(foreignSocket)]);
    const leaked = [...collect(visitorSocket, 'ticket.sla_alert'), ...collect(foreignSocket, 'ticket.sla_alert')];
    const agentHears = nextEvent<Record<string, unknown>>(agentSocket, 'ticket.sla_alert');
    t.app.zhida.events.emit('ticket.sla_alert', { tenantId: shop.id, ticketId: 't-1', number: 'GD202612070001', level: 'breach', clock: 'resolution', assigneeId: null, groupId: null });
    expect(await agentHears).toEqual({ ticketId: 't-1', number: 'GD202612070001', level: 'breach', clock: 'resolution' });
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });

  it('tells a verified customer about their ticket on another device', async () => {
    const secret = 'rt-identity-secret';
    await t.app.zhida.tenants.setIdentityVerification(shop.id, 'optional', secret);
    const identity = { userId: 'rt-member-1', userHash: identityHash(secret, 'rt-member-1') };
    const phone = await t.startVisitor(shop, identity, '10.1.0.3');
    const laptop = await t.startVisitor(shop, identity, '10.1.0.4');
    const laptopSocket = open('/widget', { auth: { token: laptop.token, conversationId: laptop.conversationId } });
    await connected(laptopSocket);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent.headers, payload: { description: '会员积分问题', conversationId: phone.conversationId } });
    const ticket = res.json() as { id: string; number: string };
    const hears = nextEvent<{ ticketId: string }>(laptopSocket, 'ticket.changed', (e) => e.ticketId === ticket.id);
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/replies`, headers: agent.headers, payload: { body: '已为您补发积分' } });
    expect((await hears).ticketId).toBe(ticket.id);
  });

  it('disconnects an agent socket when the password changes elsewhere', async () => {
    const tenant = await t.createTenant(`rt-pw-${backend}`);
    const s1 = await t.login(tenant, 'agent');
    const s2 = await t.login(tenant, 'agent');
    const socket = open('/agent', { extraHeaders: { cookie: s2.cookie } });
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s1.headers, payload: { currentPassword: 'correct horse battery', newPassword: 'fresh passphrase 2' } });
    expect(await gone).toBe('io server disconnect');
  });
});

const redisUp = await testRedis();
const multiNode = backends.includes('postgres') && redisUp;

describe.runIf(multiNode)('two app nodes on one PostgreSQL + Redis', () => {
  let node1: TestApp;
  let node2: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    node1 = await TestApp.start('postgres', { redisUrl: TEST_REDIS_URL });
    // The second node shares the first one's schema, as two replicas share one database.
    node2 = await TestApp.startSharing(node1, { redisUrl: TEST_REDIS_URL });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await node2.closeShared();
    await node1.close();
  });

  it('delivers a message posted on node 1 to a visitor connected to node 2', async () => {
    const url2 = await node2.listen();
    await node1.listen();
    const shop = await node1.createTenant('multi-node');
    await node1.addFaq(shop, '运费谁出？', '七天无理由退货的运费由买家承担，质量问题由商家承担。');
    const v = await node1.startVisitor(shop);
    const socket = io(url2 + '/widget', { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: v.token, conversationId: v.conversationId } });
    sockets.push(socket);
    await connected(socket);
    const reply = nextEvent<{ senderType: string; text: string }>(socket, 'message', (m) => m.senderType === 'bot');
    await node1.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${v.conversationId}/messages`, headers: v.headers, payload: { text: '运费谁出', clientMsgId: 'mn-1' } });
    expect((await reply).text).toContain('运费');
  });
});
