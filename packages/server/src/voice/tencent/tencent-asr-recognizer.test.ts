import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakSpeech } from '../test-support/espeak-speech.js';
import { FakeTencentCloud } from '../test-support/fake-tencent-cloud.js';
import { SpeechProviderError } from '../voice-errors.js';
import { TencentAsrRecognizer } from './tencent-asr-recognizer.js';

const CREDENTIALS = { appId: '1259228442', secretId: 'AKIDtest', secretKey: 'secret-of-test' };
const PHRASE = '我的快递到哪了';

describe('TencentAsrRecognizer against a fake 实时语音识别', () => {
  const fake = new FakeTencentCloud(CREDENTIALS);
  let phrase: Int16Array;
  const recognizer = (secretKey = CREDENTIALS.secretKey, now?: () => number) => new TencentAsrRecognizer({ ...CREDENTIALS, secretKey, asrUrl: fake.endpoints.asrUrl, engine: '16k_zh' }, now);

  beforeAll(async () => {
    await fake.start();
    phrase = await espeakSpeech(PHRASE);
    fake.register(phrase, PHRASE);
  }, 60_000);
  afterAll(() => fake.close());

  it('streams a recording in real-time frames, reports growing partials and returns the final sentence', async () => {
    const partials: string[] = [];
    const stream = await recognizer().start({ onPartial: (text) => partials.push(text) });
    stream.push(phrase);
    expect(await stream.finish()).toBe(PHRASE);
    expect(partials.length).toBeGreaterThan(0);
    expect(PHRASE.startsWith(partials[0]!)).toBe(true);
    const seen = fake.recognitions.at(-1)!;
    expect(seen.samples).toBe(phrase.length);
    // The whole recording was available at once, yet it was never sent more than the pacer's lead ahead of real time.
    expect(seen.maxLeadMs).toBeLessThan(1_500);
  }, 30_000);

  it('returns an empty transcript for audio that matches nothing', async () => {
    const stream = await recognizer().start();
    stream.push(new Int16Array(16_000).map((_, i) => Math.round(3000 * Math.sin(i / 3))));
    expect(await stream.finish()).toBe('');
  }, 30_000);

  it('is refused with 4002 鉴权失败 when signed with a wrong SecretKey', async () => {
    const stream = await recognizer('not-the-secret').start();
    stream.push(phrase.subarray(0, 3200));
    const err = await stream.finish().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechProviderError);
    expect((err as Error).message).toContain('4002');
    expect(fake.refusals).toContain('asr: signature mismatch');
  }, 30_000);

  it('is refused when the signed timestamp is outside the service\'s window (an hour-old URL replayed)', async () => {
    const stream = await recognizer(CREDENTIALS.secretKey, () => Date.now() - 2 * 3600_000).start();
    const err = await stream.finish().catch((e: unknown) => e);
    expect((err as Error).message).toContain('4002');
    expect(fake.refusals).toContain('asr: timestamp outside its window');
  });

  it('signs the URL for the app id path with the parameters the service expects', () => {
    const url = new URL(recognizer().signedUrl('voice-1'));
    expect(url.pathname).toBe(`/asr/v2/${CREDENTIALS.appId}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ engine_model_type: '16k_zh', voice_format: '1', voice_id: 'voice-1', secretid: 'AKIDtest' });
    expect(url.searchParams.get('signature')).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});
