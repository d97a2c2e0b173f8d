import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends, testRedis, TEST_REDIS_URL } from '../test-support/test-backends.js';
import { callDatabase } from './call-schema.js';

const backends = await testBackends();
const TURN_SECRET = 'zhida-test-turn-secret-0123456789';

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

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

function emitWithAck(socket: Socket, payload: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return socket.timeout(5000).emitWithAck('call.signal', payload) as Promise<{ ok: boolean; error?: { code: string } }>;
}

interface CallJson {
  call: { id: string; state: string; durationSeconds: number | null; endedBy: string | null; recordingAllowed: boolean };
  iceServers: { urls: string[]; username?: string; credential?: string }[];
}

describe.each(backends)('video calls (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let shop: TestTenant;
  let other: TestTenant;
  let agent: StaffSession;
  let colleague: StaffSession;
  let admin: StaffSession;
  let foreignAgent: StaffSession;
  const sockets: Socket[] = [];
  const open = (nsp: string, opts: Parameters<typeof io>[1]) => {
    const s = io(url + nsp, { transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    sockets.push(s);
    return s;
  };

  /** A visitor's conversation assigned to the shop's agent. */
  async function assignedConversation(ip = '10.5.0.1') {
    const v = await t.startVisitor(shop, {}, ip);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${v.conversationId}`, headers: admin.headers, payload: { assigneeId: shop.users.agent.id } });
    expect(res.statusCode).toBe(200);
    return v;
  }

  async function startCall(conversationId: string, session = agent) {
    return t.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/calls`, headers: session.headers, payload: { kind: 'video' } });
  }

  async function transcript(conversationId: string): Promise<string[]> {
    const res = await t.app.inject({ url: `/api/v1/conversations/${conversationId}/messages`, headers: agent.headers });
    return (res.json() as { items: { senderType: string; text: string }[] }).items.filter((m) => m.senderType === 'system').map((m) => m.text);
  }

  beforeAll(async () => {
    t = await TestApp.start(backend, { ice: { stunUrls: ['stun:127.0.0.1:3478'], turnUrls: ['turn:127.0.0.1:3478?transport=udp'], turnSecret: TURN_SECRET, turnTtlSeconds: 600 } });
    url = await t.listen();
    shop = await t.createTenant(`call-shop-${backend}`);
    other = await t.createTenant(`call-other-${backend}`);
    agent = await t.login(shop, 'agent');
    colleague = await t.login(shop, 'supervisor');
    admin = await t.login(shop, 'admin');
    foreignAgent = await t.login(other, 'agent');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('rings, connects and ends, writing each step into the transcript and analytics', async () => {
    const v = await assignedConversation();
    const started = await startCall(v.conversationId);
    expect(started.statusCode).toBe(201);
    const { call, iceServers } = started.json() as CallJson;
    expect(call.state).toBe('ringing');
    // The call's TURN credential, never the secret itself.
    const turn = iceServers.find((s) => s.urls[0]?.startsWith('turn:'));
    expect(turn?.username).toMatch(new RegExp(`^\\d+:${v.conversationId}$`));
    expect(JSON.stringify(iceServers)).not.toContain(TURN_SECRET);

    const second = await startCall(v.conversationId);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'call_in_progress' } });

    const live = await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/call`, headers: v.headers });
    expect(live.json()).toMatchObject({ call: { id: call.id, state: 'ringing' }, recordingEnabled: false });

    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${call.id}/accept`, headers: v.headers, payload: {} });
    expect(accepted.statusCode).toBe(200);
    expect((accepted.json() as CallJson).call.state).toBe('connected');
    // Backdate the connection so the duration is a known 3 min 12 s.
    await t.system(() => callDatabase(t.app.zhida.database.db).updateTable('calls').set({ connected_at: new Date(Date.now() - 192_000) }).where('id', '=', call.id).execute());
    const ended = await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${call.id}/hangup`, headers: v.headers, payload: { reason: 'hangup' } });
    expect(ended.json()).toMatchObject({ state: 'ended', endedBy: 'visitor', durationSeconds: 192 });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/calls/${call.id}/hangup`, headers: agent.headers, payload: {} })).statusCode).toBe(409);

    expect(await transcript(v.conversationId)).toEqual(expect.arrayContaining(['视频通话开始，等待对方接听', '视频通话已接通', '视频通话已结束，时长 3分12秒']));
    await expect.poll(async () => (await t.system(() => t.app.zhida.database.db.selectFrom('analytics_events' as never).selectAll().where('conversation_id' as never, '=', v.conversationId as never).where('type' as never, 'in', ['call.started', 'call.ended'] as never).execute())).length).toBe(2);
  });

  it('lets only the conversation’s assignee start a call; another tenant’s conversation is not found', async () => {
    const v = await assignedConversation('10.5.0.2');
    expect((await startCall(v.conversationId, colleague)).json()).toMatchObject({ error: { code: 'not_call_party' } });
    expect((await startCall(v.conversationId, foreignAgent)).statusCode).toBe(404);
    const other = await t.startVisitor(shop, {}, '10.5.0.3');
    const stranger = await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/call`, headers: other.headers });
    expect(stranger.statusCode).toBe(404);
  });

  it('declines, and a ringing call nobody answers becomes missed by the ring loop', async () => {
    const v = await assignedConversation('10.5.0.4');
    const first = (await startCall(v.conversationId)).json() as CallJson;
    const declined = await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${first.call.id}/decline`, headers: v.headers });
    expect(declined.json()).toMatchObject({ state: 'declined', endedBy: 'visitor' });

    const second = (await startCall(v.conversationId)).json() as CallJson;
    // Not yet due: the loop leaves it ringing.
    await t.app.zhida.calls.ringLoop.tick();
    expect((await t.app.inject({ url: `/api/v1/widget/conversations/${v.conversationId}/call`, headers: v.headers }).then((r) => r.json())).call.state).toBe('ringing');
    // 45 s later (the deadline is in the row, so any node's loop, after any restart, finds it).
    await t.system(() => callDatabase(t.app.zhida.database.db).updateTable('calls').set({ ring_deadline: new Date(Date.now() - 1000) }).where('id', '=', second.call.id).execute());
    expect(await t.app.zhida.calls.ringLoop.tick()).toBe(1);
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${second.call.id}/accept`, headers: v.headers, payload: {} });
    expect(late.json()).toMatchObject({ error: { code: 'call_not_ringing' } });
    const calls = (await t.app.inject({ url: `/api/v1/conversations/${v.conversationId}/calls`, headers: agent.headers })).json() as { items: { state: string; endedBy: string | null }[] };
    expect(calls.items.map((c) => c.state)).toEqual(['declined', 'missed']);
    expect(calls.items[1]?.endedBy).toBe('system');
    expect(await transcript(v.conversationId)).toEqual(expect.arrayContaining(['对方拒绝了视频通话', '视频通话未接听']));
  });

  it('relays offer, answer, ICE and screen share between the two parties only, and refuses everyone else', async () => {
    const v = await assignedConversation('10.5.0.5');
    const bystander = await assignedConversation('10.5.0.6');
    const { call } = (await startCall(v.conversationId)).json() as CallJson;
    const agentSocket = open('/agent', { extraHeaders: { cookie: agent.cookie } });
    const colleagueSocket = open('/agent', { extraHeaders: { cookie: colleague.cookie } });
    const foreignSocket = open('/agent', { extraHeaders: { cookie: foreignAgent.cookie } });
    const visitorSocket = open('/widget', { auth: { token: v.token, conversationId: v.conversationId } });
    const bystanderSocket = open('/widget', { auth: { token: bystander.token, conversationId: bystander.conversationId } });
    await Promise.all([agentSocket, colleagueSocket, foreignSocket, visitorSocket, bystanderSocket].map(connected));
    const leaked: unknown[] = [];
    for (const s of [colleagueSocket, foreignSocket, bystanderSocket]) s.on('call.signal', (m: unknown) => leaked.push(m));

    const offerArrives = nextEvent<{ type: string; sdp: string; from: string }>(visitorSocket, 'call.signal');
    expect(await emitWithAck(agentSocket, { callId: call.id, type: 'offer', sdp: 'v=0 offer' })).toEqual({ ok: true });
    expect(await offerArrives).toMatchObject({ type: 'offer', sdp: 'v=0 offer', from: 'agent' });

    const answerArrives = nextEvent<{ type: string }>(agentSocket, 'call.signal', (m) => m.type === 'answer');
    expect(await emitWithAck(visitorSocket, { callId: call.id, type: 'answer', sdp: 'v=0 answer' })).toEqual({ ok: true });
    await answerArrives;
    const iceArrives = nextEvent<{ type: string; candidate: { candidate: string } }>(agentSocket, 'call.signal', (m) => m.type === 'ice');
    await emitWithAck(visitorSocket, { callId: call.id, type: 'ice', candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    expect((await iceArrives).candidate.candidate).toContain('typ host');
    const shareArrives = nextEvent<{ type: string; active: boolean }>(agentSocket, 'call.signal', (m) => m.type === 'screen_share');
    await emitWithAck(visitorSocket, { callId: call.id, type: 'screen_share', active: true });
    expect((await shareArrives).active).toBe(true);

    // A colleague of the same tenant, an agent of another tenant, the visitor of another conversation: refused.
    const colleagueError = nextEvent<{ code: string }>(colleagueSocket, 'call.error');
    expect(await emitWithAck(colleagueSocket, { callId: call.id, type: 'offer', sdp: 'hijack' })).toMatchObject({ ok: false, error: { code: 'not_call_party' } });
    expect((await colleagueError).code).toBe('not_call_party');
    expect(await emitWithAck(foreignSocket, { callId: call.id, type: 'offer', sdp: 'hijack' })).toMatchObject({ ok: false, error: { code: 'not_call_party' } });
    expect(await emitWithAck(bystanderSocket, { callId: call.id, type: 'answer', sdp: 'hijack' })).toMatchObject({ ok: false, error: { code: 'not_call_party' } });
    // Malformed and oversized messages never reach the other side either.
    expect(await emitWithAck(visitorSocket, { callId: call.id, type: 'offer', sdp: 'x'.repeat(40_000) })).toMatchObject({ ok: false, error: { code: 'validation_error' } });
    expect(await emitWithAck(visitorSocket, { callId: 'not-a-uuid', type: 'hangup' })).toMatchObject({ ok: false, error: { code: 'validation_error' } });

    // The state change reaches both parties; after the end, signals are refused.
    const visitorHearsEnd = nextEvent<{ state: string }>(visitorSocket, 'call.state', (c) => c.state === 'ended');
    await t.app.inject({ method: 'POST', url: `/api/v1/calls/${call.id}/hangup`, headers: agent.headers, payload: {} });
    expect((await visitorHearsEnd).state).toBe('ended');
    expect(await emitWithAck(agentSocket, { callId: call.id, type: 'offer', sdp: 'late' })).toMatchObject({ ok: false, error: { code: 'call_not_live' } });
    expect(leaked).toEqual([]);
  });

  it('stores a recording only with the tenant setting and the visitor’s consent from the prompt', async () => {
    const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(256, 7)]);
    const upload = (callId: string, body: Buffer = webm, type = 'video/webm') =>
      t.app.inject({ method: 'POST', url: `/api/v1/calls/${callId}/recording`, headers: { ...agent.headers, 'content-type': type }, payload: body });

    // The tenant has not enabled recording: consent in the prompt is not even stored.
    const v1 = await assignedConversation('10.5.0.7');
    const c1 = (await startCall(v1.conversationId)).json() as CallJson;
    const a1 = (await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${c1.call.id}/accept`, headers: v1.headers, payload: { recordingConsent: true } })).json() as CallJson;
    expect(a1.call.recordingAllowed).toBe(false);
    expect((await upload(c1.call.id)).json()).toMatchObject({ error: { code: 'recording_not_allowed' } });

    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/call-settings', headers: admin.headers, payload: { recordingEnabled: true } })).statusCode).toBe(200);
    // Enabled, but the visitor did not consent.
    const v2 = await assignedConversation('10.5.0.8');
    const c2 = (await startCall(v2.conversationId)).json() as CallJson;
    await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${c2.call.id}/accept`, headers: v2.headers, payload: { recordingConsent: false } });
    expect((await upload(c2.call.id)).statusCode).toBe(403);

    // Enabled and consented: the consent is in the ledger and the upload is checked by type and content.
    const v3 = await assignedConversation('10.5.0.9');
    const c3 = (await startCall(v3.conversationId)).json() as CallJson;
    const a3 = (await t.app.inject({ method: 'POST', url: `/api/v1/widget/calls/${c3.call.id}/accept`, headers: v3.headers, payload: { recordingConsent: true } })).json() as CallJson;
    expect(a3.call.recordingAllowed).toBe(true);
    const consents = (await t.app.inject({ url: '/api/v1/widget/privacy/consents', headers: v3.headers })).json() as { current: Record<string, { granted: boolean }> };
    expect(consents.current.recording?.granted).toBe(true);
    expect((await upload(c3.call.id, Buffer.from('<html>not a video</html>'))).statusCode).toBe(415);
    expect((await upload(c3.call.id, webm, 'image/png')).statusCode).toBe(415);
    const stored = await upload(c3.call.id);
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ size: webm.length });
    expect((await upload(c3.call.id)).json()).toMatchObject({ error: { code: 'recording_exists' } });

    // A data subject's erasure, even as anonymisation, removes the recording (face and voice) and keeps the call row.
    const visitorId = (await t.system(() => t.app.zhida.database.db.selectFrom('conversations').select('visitor_id').where('id', '=', v3.conversationId).executeTakeFirstOrThrow())).visitor_id;
    const holder = t.app.zhida.privacy.holders.find((h) => h.name === 'calls')!;
    expect(await t.as(shop, () => holder.erase({ tenantId: shop.id, visitorIds: [visitorId], externalId: null }, 'anonymise'))).toEqual({ callRecordings: 1 });
    const left = await t.system(() => callDatabase(t.app.zhida.database.db).selectFrom('call_recordings').select('id').where('call_id', '=', c3.call.id).execute());
    expect(left).toEqual([]);
    await t.app.inject({ method: 'PUT', url: '/api/v1/call-settings', headers: admin.headers, payload: { recordingEnabled: false } });
  });
});

const redisUp = await testRedis();
describe.runIf(backends.includes('postgres') && redisUp)('call signalling across two app nodes (PostgreSQL + Redis)', () => {
  let node1: TestApp;
  let node2: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    node1 = await TestApp.start('postgres', { redisUrl: TEST_REDIS_URL });
    node2 = await TestApp.startSharing(node1, { redisUrl: TEST_REDIS_URL });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await node2.closeShared();
    await node1.close();
  });

  it('relays the agent’s offer on node 1 to the visitor on node 2', async () => {
    const url1 = await node1.listen();
    const url2 = await node2.listen();
    const shop = await node1.createTenant('call-multi-node');
    const admin = await node1.login(shop, 'admin');
    const agent = await node1.login(shop, 'agent');
    const v = await node1.startVisitor(shop);
    await node1.app.inject({ method: 'PATCH', url: `/api/v1/conversations/${v.conversationId}`, headers: admin.headers, payload: { assigneeId: shop.users.agent.id } });
    const { call } = (await node1.app.inject({ method: 'POST', url: `/api/v1/conversations/${v.conversationId}/calls`, headers: agent.headers, payload: {} })).json() as CallJson;
    const agentSocket = io(url1 + '/agent', { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: agent.cookie } });
    const visitorSocket = io(url2 + '/widget', { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: v.token, conversationId: v.conversationId } });
    sockets.push(agentSocket, visitorSocket);
    await Promise.all([connected(agentSocket), connected(visitorSocket)]);
    const arrives = nextEvent<{ sdp: string }>(visitorSocket, 'call.signal');
    expect(await emitWithAck(agentSocket, { callId: call.id, type: 'offer', sdp: 'v=0 across nodes' })).toEqual({ ok: true });
    expect((await arrives).sdp).toBe('v=0 across nodes');
  });
});
