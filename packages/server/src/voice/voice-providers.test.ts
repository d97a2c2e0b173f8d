import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type StaffSession, type TestTenant } from '../test-support/test-app.js';
import { testBackends } from '../test-support/test-backends.js';
import { espeakSpeech } from './test-support/espeak-speech.js';
import { FakeIflytek } from './test-support/fake-iflytek.js';
import { FakeTencentCloud } from './test-support/fake-tencent-cloud.js';
import { TestBridge } from './test-support/test-bridge.js';
import { parseWav, pcm16ToBytes, wavOf } from './wav-file.js';

const backends = await testBackends();
const TENCENT = { appId: '1259228442', secretId: 'AKIDtest', secretKey: 'tencent-secret-of-test' };
const IFLYTEK = { appId: 'app-test', apiKey: 'key-test', apiSecret: 'iflytek-secret-of-test' };
const PHRASE = '我想查一下物流';

/** The tenant's choice of provider, through the real HTTP API, against the local fakes of Tencent Cloud and iFlytek. */
describe.each(backends)('speech providers per tenant (%s)', (backend) => {
  let t: TestApp;
  let url: string;
  let apiKey: string;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: StaffSession;
  let phrase: Int16Array;
  const tencent = new FakeTencentCloud(TENCENT);
  const iflytek = new FakeIflytek(IFLYTEK);

  const configure = (body: Record<string, unknown>, session = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/voice', headers: session.headers, payload: body });
  const mainlandOnly = (on: boolean) => t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { mainlandProvidersOnly: on } });
  const withSilence = (samples: Int16Array) => Int16Array.from([...new Int16Array(3200), ...samples, ...new Int16Array(4800)]);
  const say = async (clientMsgId: string) => {
    const visitor = await t.startVisitor(tenant);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/widget/conversations/${visitor.conversationId}/voice?clientMsgId=${clientMsgId}`, headers: { ...visitor.headers, 'content-type': 'audio/wav' }, payload: wavOf({ sampleRate: 16000, samples: withSilence(phrase) }) });
    return { visitor, res };
  };

  beforeAll(async () => {
    // webhookAllowPrivate/Http: the fakes listen on 127.0.0.1 over plain HTTP.
    t = await TestApp.start(backend, { webhookAllowPrivate: true, webhookAllowHttp: true });
    url = await t.listen();
    tenant = await t.createTenant(`speech-${backend}`);
    apiKey = (await t.as(tenant, () => t.app.zhida.apiKeys.create({ tenantId: tenant.id }, { name: 'bridge', role: 'agent' }))).secret;
    other = await t.createTenant(`speech-other-${backend}`);
    admin = await t.login(tenant, 'admin');
    await Promise.all([tencent.start(), iflytek.start()]);
    phrase = await espeakSpeech(PHRASE);
    tencent.register(phrase, PHRASE);
    iflytek.register(phrase, PHRASE);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([tencent.close(), iflytek.close()]);
    await t?.close();
  });

  it('refuses Tencent and iFlytek endpoints abroad while "mainland providers only" is on', async () => {
    expect((await mainlandOnly(true)).statusCode).toBe(200);
    const tencentAbroad = await configure({ recognizer: 'tencent', synthesizer: 'espeak', tencent: { ...TENCENT, asrUrl: 'wss://asr.intl.cloud.tencent.com/asr/v2' } });
    expect(tencentAbroad.statusCode).toBe(403);
    expect(tencentAbroad.json().error.code).toBe('provider_outside_mainland');
    const iflytekAbroad = await configure({ recognizer: 'none', synthesizer: 'iflytek', iflytek: { ...IFLYTEK, ttsUrl: 'wss://tts-api-sg.xf-yun.com/v2/tts' } });
    expect(iflytekAbroad.statusCode).toBe(403);
    const local = await configure({ recognizer: 'tencent', synthesizer: 'tencent', tencent: { ...TENCENT, ...tencent.endpoints } });
    expect(local.statusCode).toBe(403);
    const stored = await t.app.inject({ method: 'GET', url: '/api/v1/settings/voice', headers: admin.headers });
    expect(stored.json()).toMatchObject({ recognizer: 'none', tencent: null, iflytek: null, mainlandProvidersOnly: true });
  });

  it('saves Tencent Cloud with its SecretKey sealed and never returned, and refuses a choice without credentials', async () => {
    expect((await mainlandOnly(false)).statusCode).toBe(200);
    const incomplete = await configure({ recognizer: 'tencent', synthesizer: 'espeak', tencent: { appId: TENCENT.appId, secretId: TENCENT.secretId, ...tencent.endpoints } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.code).toBe('voice_provider_incomplete');
    const badAppId = await configure({ recognizer: 'tencent', synthesizer: 'espeak', tencent: { ...TENCENT, appId: 'not digits' } });
    expect(badAppId.statusCode).toBe(400);
    const res = await configure({ recognizer: 'tencent', synthesizer: 'tencent', tencent: { ...TENCENT, ...tencent.endpoints, voiceType: 1001 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(TENCENT.secretKey);
    expect(res.json().tencent).toMatchObject({ appId: TENCENT.appId, secretKeySet: true, engine: '16k_zh', voiceType: 1001 });
    const row = await t.system(() => t.app.zhida.database.db.selectFrom('tenants').select('settings').where('id', '=', tenant.id).executeTakeFirstOrThrow());
    expect(JSON.stringify(row.settings)).not.toContain(TENCENT.secretKey);
    // Another tenant's settings are its own.
    const otherAdmin = await t.login(other, 'admin');
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/settings/voice', headers: otherAdmin.headers });
    expect(theirs.json()).toMatchObject({ recognizer: 'none', synthesizer: 'espeak', tencent: null });
  });

  it('transcribes widget voice through Tencent 实时语音识别 and speaks the reply through Tencent TextToVoice', async () => {
    const { visitor, res } = await say('tc-1');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().transcript).toBe(PHRASE);
    expect(tencent.recognitions.at(-1)?.text).toBe(PHRASE);
    const reply = res.json().replies[0];
    const speech = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages/${reply.seq}/speech`, headers: visitor.headers });
    expect(speech.statusCode).toBe(200);
    expect(parseWav(speech.rawPayload)!.samples.length).toBeGreaterThan(0);
    expect(tencent.ttsRequests.at(-1)?.voiceType).toBe(1001);
    expect(tencent.ttsRequests.map((r) => r.text).join('')).toContain(reply.text.slice(0, 10));
  }, 60_000);

  it('answers 502 speech_provider_failed, not a 500, when the stored SecretKey is wrong', async () => {
    expect((await configure({ recognizer: 'tencent', synthesizer: 'espeak', tencent: { ...TENCENT, ...tencent.endpoints, secretKey: 'wrong' } })).statusCode).toBe(200);
    const { res } = await say('tc-2');
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('speech_provider_failed');
    expect(res.body).not.toContain('wrong');
  }, 60_000);

  it('switches the tenant to iFlytek, keeping the Tencent section as stored', async () => {
    const res = await configure({ recognizer: 'iflytek', synthesizer: 'iflytek', iflytek: { ...IFLYTEK, ...iflytek.endpoints, voice: 'xiaofeng' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ recognizer: 'iflytek', iflytek: { apiKey: IFLYTEK.apiKey, apiSecretSet: true, voice: 'xiaofeng' }, tencent: { secretKeySet: true } });
    expect(res.body).not.toContain(IFLYTEK.apiSecret);
    const { visitor, res: spoken } = await say('if-1');
    expect(spoken.statusCode, spoken.body).toBe(201);
    expect(spoken.json().transcript).toBe(PHRASE);
    expect(iflytek.recognitions.at(-1)?.text).toBe(PHRASE);
    const reply = spoken.json().replies[0];
    const speech = await t.app.inject({ method: 'GET', url: `/api/v1/widget/conversations/${visitor.conversationId}/messages/${reply.seq}/speech`, headers: visitor.headers });
    expect(speech.statusCode).toBe(200);
    expect(iflytek.ttsRequests.at(-1)).toMatchObject({ voice: 'xiaofeng' });
  }, 60_000);

  it('runs a phone call through iFlytek: partial and final transcripts, the reply spoken by iFlytek TTS', async () => {
    const bridge = await TestBridge.open(url, apiKey);
    try {
      bridge.json({ event: 'start', callId: 'call-if', media: { encoding: 'pcm16', sampleRate: 16000 } });
      await bridge.waitFor('started');
      // The caller speaks in real time, in 20 ms frames, then stays silent until the end of the utterance is heard.
      const audio = pcm16ToBytes(Int16Array.from([...phrase, ...new Int16Array(16 * 900)]));
      for (let at = 0; at < audio.length; at += 640) {
        bridge.ws.send(audio.subarray(at, at + 640));
        await new Promise((r) => setTimeout(r, 20));
      }
      await bridge.waitFor('transcript', (m) => !m.final);
      const final = await bridge.waitFor('transcript', (m) => m.final);
      expect(final.text).toBe(PHRASE);
      const reply = await bridge.waitFor('reply', (m) => m.seq > 2);
      await bridge.waitFor('audio', (m) => m.seq === reply.seq);
      expect(iflytek.ttsRequests.some((r) => reply.text.startsWith(r.text.slice(0, 5)))).toBe(true);
    } finally {
      bridge.ws.terminate();
    }
  }, 90_000);

  it('refuses to call a provider abroad once the tenant turns "mainland providers only" on after saving it', async () => {
    expect((await mainlandOnly(true)).statusCode).toBe(200);
    const before = iflytek.recognitions.length;
    const { res } = await say('if-2');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('provider_outside_mainland');
    expect(iflytek.recognitions.length).toBe(before);
    await mainlandOnly(false);
  }, 60_000);
});
