import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { pcm16ToMulaw } from './mulaw.js';
import { resamplePcm16 } from './resample-pcm16.js';
import { espeakSpeech } from './test-support/espeak-speech.js';
import { TestBridge } from './test-support/test-bridge.js';
import { FakeAliyunNls } from './test-support/fake-aliyun-nls.js';
import { parseWav, pcm16ToBytes, wavOf } from './wav-file.js';

const backends = await testBackends();
const CREDENTIALS = { accessKeyId: 'LTAI-test', accessKeySecret: 'secret-of-test', appKey: 'appkey-test' };
const PHRASE = '我想查一下物流';

describe.each(backends)('voice channels (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let tenant: TestTenant;
  let admin: StaffSession;
  let apiKey: string;
  let fake: FakeAliyunNls;
  let phrase: Int16Array;
  const bridges: TestBridge[] = [];

  const configure = (body: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/voice', headers: admin.headers, payload: body });
  const withSilence = (samples: Int16Array, ms = 900) => Int16Array.from([...new Int16Array(3200), ...samples, ...new Int16Array((16 * ms) | 0)]);

  beforeAll(async () => {
    // webhookAllowPrivate/Http: the fake provider listens on 127.0.0.1 over plain HTTP.
    t = await TestApp.start(backend, { webhookAllowPrivate: true, webhookAllowHttp: true });
    url = await t.listen();
    tenant = await t.createTenant(`voice-${backend}`);
    admin = await t.login(tenant, 'admin');
    apiKey = (await t.as(tenant, () => t.app.zhida.apiKeys.create({ tenantId: tenant.id }, { name: 'bridge', role: 'agent' }))).secret;
    fake = new FakeAliyunNls(CREDENTIALS);
    await fake.start();
    phrase = await espeakSpeech(PHRASE);
    fake.register(phrase, PHRASE);
    // The fake is on 127.0.0.1, not a mainland cloud host: the privacy switch must be off to use it.
    const privacy = await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { mainlandProvidersOnly: false } });
    expect(privacy.statusCode).toBe(200);
  }, 300_000);

  afterAll(async () => {
    for (const b of bridges) b.ws.terminate();
    await fake?.close();
    await t?.close();
  });

  it('answers 语音识别未配置 for widget voice before a recogniser is configured, and still speaks replies with espeak-ng', async () => {
    const visitor = await t.startVisitor(tenant);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/voice?clientMsgId=v-1`, headers: { ...visitor.headers, 'content-type': 'audio/wav' }, payload: wavOf({ sampleRate: 16000, samples: withSilence(phrase) }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'asr_not_configured' });
    expect(res.json().error.message).toContain('语音识别未配置');
    const speech = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages/1/speech`, headers: visitor.headers });
    expect(speech.statusCode).toBe(200);
    expect(speech.headers['content-type']).toBe('audio/wav');
    const wav = parseWav(speech.rawPayload);
    expect(wav?.sampleRate).toBe(16000);
    expect(wav!.samples.length).toBeGreaterThan(16000 * 0.5);
  });

  it('refuses a cloud endpoint abroad while "mainland providers only" is on, and never returns the secret', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { mainlandProvidersOnly: true } });
    const abroad = await configure({ recognizer: 'aliyun', synthesizer: 'espeak', aliyun: { appKey: 'a', accessKeyId: 'b', accessKeySecret: 'c', gatewayUrl: 'wss://nls-gateway-ap-southeast-1.aliyuncs.com/ws/v1' } });
    expect(abroad.statusCode).toBe(403);
    expect(abroad.json().error.code).toBe('provider_outside_mainland');
    await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { mainlandProvidersOnly: false } });
    const res = await configure({ recognizer: 'aliyun', synthesizer: 'espeak', aliyun: { ...CREDENTIALS, ...fake.endpoints } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(CREDENTIALS.accessKeySecret);
    expect(res.json().aliyun.accessKeySecretSet).toBe(true);
    const stored = await t.system(() => t.app.zhida.database.db.selectFrom('tenants').select('settings').where('id', '=', tenant.id).executeTakeFirstOrThrow());
    expect(JSON.stringify(stored.settings)).not.toContain(CREDENTIALS.accessKeySecret);
    const bad = await configure({ recognizer: 'aliyun', synthesizer: 'espeak', aliyun: null });
    expect(bad.statusCode).toBe(400);
  });

  it('transcribes a hold-to-talk recording through the fake Aliyun recogniser and posts it through the bot with a 🎤 mark', async () => {
    const visitor = await t.startVisitor(tenant);
    // Recorded at 22.05 kHz as some browsers do: the server resamples.
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/voice?clientMsgId=v-2`, headers: { ...visitor.headers, 'content-type': 'audio/wav' }, payload: wavOf({ sampleRate: 22050, samples: resamplePcm16(withSilence(phrase, 300), 16000, 22050) }) });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.transcript).toBe(PHRASE);
    expect(body.message).toMatchObject({ text: PHRASE, senderType: 'visitor', meta: { input: 'voice', mark: '🎤' } });
    expect(typeof body.message.meta.voice.arousal).toBe('number');
    expect(body.replies.length).toBeGreaterThan(0);
    expect(fake.tokenRequests.length).toBeGreaterThan(0);
  });

  it('answers a clear 4xx for audio that is not a WAV file, and 404 for another visitor\'s conversation', async () => {
    const visitor = await t.startVisitor(tenant);
    const other = await t.startVisitor(tenant, {}, '10.1.0.2');
    const junk = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/voice?clientMsgId=v-3`, headers: { ...visitor.headers, 'content-type': 'audio/wav' }, payload: Buffer.from('not a wav file at all') });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe('unreadable_audio');
    const stranger = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${other.conversationId}/voice?clientMsgId=v-4`, headers: { ...visitor.headers, 'content-type': 'audio/wav' }, payload: wavOf({ sampleRate: 16000, samples: phrase }) });
    expect(stranger.statusCode).toBe(404);
  });

  it('refuses a media stream without a tenant API key', async () => {
    await expect(TestBridge.open(url, null)).rejects.toThrow('HTTP 401');
    await expect(TestBridge.open(url, 'zk_not-a-key')).rejects.toThrow('HTTP 401');
  });

  it('runs a phone call: welcome audio, barge-in, partial and final transcripts, the reply as text and μ-law audio', async () => {
    const bridge = await TestBridge.open(url, apiKey);
    bridges.push(bridge);
    bridge.json({ event: 'start', callId: 'call-1', from: '13800138000', media: { encoding: 'mulaw', sampleRate: 8000 } });
    const started = await bridge.waitFor('started');
    await bridge.waitFor('audio');
    // The caller speaks over the welcome (the bridge is still playing it): barge-in.
    const mulaw = Buffer.from(pcm16ToMulaw(resamplePcm16(withSilence(phrase), 16000, 8000)));
    bridge.speak(mulaw, 160);
    await bridge.waitFor('clear');
    await bridge.waitFor('transcript', (m) => !m.final);
    const final = await bridge.waitFor('transcript', (m) => m.final);
    expect(final.text).toBe(PHRASE);
    const reply = await bridge.waitFor('reply', (m) => m.seq > 2);
    const audio = await bridge.waitFor('audio', (m) => m.seq === reply.seq);
    expect(Buffer.from(audio.payload, 'base64').length).toBeGreaterThan(0);
    const conversation = await t.as(tenant, () => t.app.zhida.conversations.get({ tenantId: tenant.id }, started.conversationId));
    expect(conversation).toMatchObject({ channel: 'phone' });
  });

  it('takes a verification code from the keypad as the visitor\'s message', async () => {
    const bridge = await TestBridge.open(url, apiKey);
    bridges.push(bridge);
    bridge.json({ event: 'start', callId: 'call-2', channel: 'speaker', media: { encoding: 'pcm16', sampleRate: 16000 } });
    const started = await bridge.waitFor('started');
    for (const digit of '482913#') bridge.json({ event: 'dtmf', digit });
    await bridge.waitFor('reply', (m) => m.seq > 2);
    const messages = await t.as(tenant, () => t.app.zhida.conversationRepo.messages({ tenantId: tenant.id }, started.conversationId, 0, 50));
    const keyed = messages.find((m) => m.sender_type === 'visitor');
    expect(keyed).toMatchObject({ text: '482913', meta: { input: 'dtmf' } });
  });

  it('answers malformed and oversized frames with an error event and keeps the call', async () => {
    const bridge = await TestBridge.open(url, apiKey);
    bridges.push(bridge);
    bridge.ws.send(Buffer.alloc(320));
    await bridge.waitFor('error', (m) => m.code === 'not_started');
    bridge.ws.send('{not json');
    await bridge.waitFor('error', (m) => m.code === 'malformed_frame');
    bridge.json({ event: 'teleport' });
    await bridge.waitFor('error', (m) => m.code === 'unknown_event');
    bridge.json({ event: 'start', callId: 'call-3', media: { encoding: 'pcm16', sampleRate: 16000 } });
    await bridge.waitFor('started');
    bridge.ws.send(Buffer.alloc(30_000));
    await bridge.waitFor('error', (m) => m.code === 'frame_too_large');
    bridge.ws.send(Buffer.alloc(321));
    await bridge.waitFor('error', (m) => m.code === 'malformed_frame' && m.message.includes('even'));
    bridge.json({ event: 'media', payload: pcm16ToBytes(new Int16Array(160)).toString('base64') });
    bridge.json({ event: 'dtmf', digit: '1' });
    expect(bridge.ws.readyState).toBe(WebSocket.OPEN);
    // The server is still serving everyone.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBeLessThan(500);
  });
});
