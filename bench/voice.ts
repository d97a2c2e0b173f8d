/**
 * bench:voice — the phone stream's latency: end of the caller's speech → the bot's reply text, and → the first TTS
 * audio byte, over the real WebSocket media stream (16 kHz PCM16, 20 ms frames paced in real time), with Mandarin
 * utterances made by espeak-ng and the FAKE Aliyun recogniser of the tests (it matches audio against registered clips;
 * it does no speech recognition). So this measures our pipeline — VAD with its 500 ms hangover, the recogniser
 * protocol round trip, the bot turn, espeak-ng TTS — not a cloud's ASR. The tenant is made from the ecommerce template,
 * so the bot answers from its FAQ as a real shop's would.
 *
 *   nice -n 10 npm run bench:voice -- [--rounds 7]
 */
import os from 'node:os';
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { TEST_PASSWORD, TestApp } from '../packages/server/src/test-support/test-app.js';
import { TenantProvisioner } from '../packages/server/src/tenancy/tenant-provisioner.js';
import { espeakSpeech } from '../packages/server/src/voice/test-support/espeak-speech.js';
import { FakeAliyunNls } from '../packages/server/src/voice/test-support/fake-aliyun-nls.js';
import { pcm16ToBytes } from '../packages/server/src/voice/wav-file.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const ROUNDS = Number(values.rounds);
const PHRASES = ['我想查一下物流', '怎么申请退货', '运费是多少', '我的订单什么时候发货', '可以开发票吗'];
const CREDENTIALS = { accessKeyId: 'LTAI-bench', accessKeySecret: 'bench-secret', appKey: 'bench-app' };
const FRAME = 320;
/** The VAD's default: a 20 ms frame at least this loud (dBFS) is speech. */
const VOICED_DB = -38;

type Event = { event: string; seq?: number; final?: boolean; text?: string; code?: string; at: number };

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** The number of 20 ms frames up to and including the last voiced one: the clip's own trailing quiet is not speech. */
function voicedFrames(samples: Int16Array): number {
  const threshold = 32768 * 10 ** (VOICED_DB / 20);
  let last = 0;
  for (let i = 0, at = 0; at < samples.length; i++, at += FRAME) {
    const frame = samples.subarray(at, at + FRAME);
    let sum = 0;
    for (const x of frame) sum += x * x;
    if (Math.sqrt(sum / frame.length) >= threshold) last = i + 1;
  }
  return last;
}

async function main(): Promise<void> {
  const load = execSync('uptime').toString().trim();
  const t = await TestApp.start('pglite', { webhookAllowPrivate: true, webhookAllowHttp: true });
  const url = await t.listen();
  const made = await new TenantProvisioner(t.app.zhida).create({
    slug: 'voice-bench',
    name: 'voice bench shop',
    template: 'ecommerce',
    users: [{ email: 'admin@voice-bench.test', name: 'admin', role: 'admin', password: TEST_PASSWORD }],
  });
  const tenant = { id: made.id, slug: made.slug, users: { admin: { id: '', email: 'admin@voice-bench.test' } } } as Parameters<TestApp['login']>[0];
  const admin = await t.login(tenant, 'admin');
  const key = (await t.as(tenant, () => t.app.zhida.apiKeys.create({ tenantId: tenant.id }, { name: 'bridge', role: 'agent' }))).secret;
  const fake = new FakeAliyunNls(CREDENTIALS);
  await fake.start();
  const clips = new Map<string, Int16Array>();
  for (const p of PHRASES) {
    const audio = await espeakSpeech(p);
    clips.set(p, audio);
    fake.register(audio, p);
  }
  await t.app.inject({ method: 'PUT', url: '/api/v1/privacy/settings', headers: admin.headers, payload: { mainlandProvidersOnly: false } });
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/voice', headers: admin.headers, payload: { recognizer: 'aliyun', synthesizer: 'espeak', aliyun: { ...CREDENTIALS, ...fake.endpoints } } });
  if (put.statusCode !== 200) throw new Error(put.body);

  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/voice/stream`, { headers: { authorization: `Bearer ${key}` } });
  const events: Event[] = [];
  ws.on('message', (d) => events.push({ ...(JSON.parse(String(d)) as Omit<Event, 'at'>), at: performance.now() }));
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ event: 'start', callId: 'bench', media: { encoding: 'pcm16', sampleRate: 16000 } }));
  const waitFor = async (pred: (e: Event) => boolean, ms = 180_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const e = events.find(pred);
      if (e) return e;
      if (Date.now() > end) throw new Error(`timeout; last events ${JSON.stringify(events.filter((x) => x.event !== 'audio').slice(-5))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await waitFor((e) => e.event === 'mark');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Sends 20 ms frames in real time; returns when the last voiced frame went out (espeak-ng ends a clip with ~0.3 s of quiet). */
  const speak = async (samples: Int16Array): Promise<number> => {
    const bytes = pcm16ToBytes(samples);
    const lastVoiced = voicedFrames(samples);
    let endOfSpeech = performance.now();
    const t0 = performance.now();
    for (let i = 0, at = 0; at < bytes.length; i++, at += FRAME * 2) {
      ws.send(bytes.subarray(at, at + FRAME * 2));
      if (i + 1 === lastVoiced) endOfSpeech = performance.now();
      const due = t0 + (i + 1) * 20 - performance.now();
      if (due > 0) await sleep(due);
    }
    return endOfSpeech;
  };
  const silence = pcm16ToBytes(new Int16Array(16 * 1200));

  const toText: number[] = [];
  const toAudio: number[] = [];
  const misses: string[] = [];
  let fallbacks = 0;
  let lastSeq = 1;
  // One warm-up turn (the tenant's model is trained on the first question), not counted.
  for (let round = -1; round < ROUNDS; round++) {
    for (const phrase of round < 0 ? PHRASES.slice(0, 1) : PHRASES) {
      const from = events.length;
      const endOfSpeech = await speak(clips.get(phrase)!);
      // The quiet after the phrase, in real time too, so the next phrase never runs into this one.
      const quiet = (async () => {
        for (let at = 0; at < silence.length; at += FRAME * 2) {
          ws.send(silence.subarray(at, at + FRAME * 2));
          await sleep(20);
        }
      })();
      const final = await waitFor((e) => events.indexOf(e) >= from && e.event === 'transcript' && e.final === true);
      if (final.text !== phrase) misses.push(`${phrase} → ${final.text}`);
      const reply = await waitFor((e) => events.indexOf(e) >= from && e.event === 'reply' && (e.seq ?? 0) > lastSeq);
      const audio = await waitFor((e) => events.indexOf(e) >= from && e.event === 'audio' && e.seq === reply.seq);
      await waitFor((e) => events.indexOf(e) >= from && e.event === 'mark' && e.text === undefined && events.indexOf(e) > events.indexOf(audio));
      lastSeq = Math.max(...events.filter((e) => e.event === 'reply').map((e) => e.seq ?? 0));
      if (round >= 0) {
        if (/抱歉|没能理解|没有完全理解/.test(reply.text ?? '')) fallbacks++;
        toText.push(reply.at - endOfSpeech);
        toAudio.push(audio.at - endOfSpeech);
      }
      await quiet;
      await sleep(300);
    }
  }
  ws.close();
  await fake.close();
  await t.close();

  const f = (x: number) => `${Math.round(x)} ms`;
  const md = `# bench:voice — phone stream latency (channels, voice)

- Date: ${new Date().toISOString()}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}
- Load at the start: \`${load}\`; at the end: \`${execSync('uptime').toString().trim()}\` (a 2-core machine shared by 8 engineers; this process ran at niceness ${os.getPriority()})
- Command: \`npm run bench:voice -- --rounds ${ROUNDS}\`; PGlite backend; ${toText.length} utterances (${PHRASES.length} Mandarin phrases made with espeak-ng \`cmn\`, ${ROUNDS} rounds), one call, 16 kHz PCM16 in 20 ms frames sent in real time.
- Tenant made from the \`ecommerce\` template (its FAQ answers these questions). Replies that were not an FAQ answer: ${fallbacks}/${toText.length}.
- **The recogniser is the fake Aliyun NLS server of the tests**: it speaks the NLS WebSocket protocol but "recognises" by matching the loudness envelope against the registered clips. This measures our pipeline (VAD + hangover, the recogniser protocol round trip, the bot turn, espeak-ng TTS), not a cloud's ASR accuracy or latency.
- "End of speech" is when the bridge sent the clip's last voiced 20 ms frame (≥ ${VOICED_DB} dBFS, the VAD's threshold), not the end of the clip's trailing quiet; the VAD's 500 ms hangover (the silence it waits for before it calls the utterance over) is inside both numbers.

| from end of speech to | p50 | p95 | p99 | max |
| --- | --- | --- | --- | --- |
| bot reply text (\`reply\` event) | ${f(quantile(toText, 0.5))} | ${f(quantile(toText, 0.95))} | ${f(quantile(toText, 0.99))} | ${f(Math.max(...toText))} |
| first TTS audio byte (\`audio\` event) | ${f(quantile(toAudio, 0.5))} | ${f(quantile(toAudio, 0.95))} | ${f(quantile(toAudio, 0.99))} | ${f(Math.max(...toAudio))} |

Transcripts not matching the phrase: ${misses.length ? misses.join('; ') : 'none'}.
`;
  writeFileSync(new URL('./results/channels-voice.md', import.meta.url), md);
  console.log(md);
}

await main();
process.exit(0);
