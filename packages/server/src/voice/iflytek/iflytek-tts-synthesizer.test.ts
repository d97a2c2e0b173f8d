import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeIflytek } from '../test-support/fake-iflytek.js';
import { SpeechProviderError } from '../voice-errors.js';
import { IflytekTtsSynthesizer } from './iflytek-tts-synthesizer.js';

const CREDENTIALS = { appId: 'app-test', apiKey: 'key-test', apiSecret: 'secret-of-test' };

async function collect(chunks: AsyncIterable<Int16Array>): Promise<Int16Array[]> {
  const out: Int16Array[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('IflytekTtsSynthesizer against a fake 在线语音合成', () => {
  const fake = new FakeIflytek(CREDENTIALS);
  const synthesizer = (apiSecret = CREDENTIALS.apiSecret) => new IflytekTtsSynthesizer({ ...CREDENTIALS, apiSecret, ttsUrl: fake.endpoints.ttsUrl, voice: 'xiaoyan' });

  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it('yields the audio frames as they arrive, all of the reply', async () => {
    const chunks = await collect(synthesizer().synthesize('您的订单已发货'));
    // 7 characters × 0.2 s of 16 kHz PCM16 = 44,800 bytes, in frames of 8000 bytes.
    expect(chunks.length).toBe(6);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(Math.round(7 * 0.2 * 16_000));
    expect(fake.ttsRequests.at(-1)).toEqual({ text: '您的订单已发货', voice: 'xiaoyan' });
  });

  it('is refused at the handshake (401) when signed with a wrong APISecret', async () => {
    const err = await collect(synthesizer('not-the-secret').synthesize('您好')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechProviderError);
    expect((err as Error).message).toContain('401');
  });

  it('stops when the caller aborts (barge-in)', async () => {
    const controller = new AbortController();
    const got: Int16Array[] = [];
    const err = await (async () => {
      for await (const chunk of synthesizer().synthesize('一二三四五六七八九十'.repeat(5), { signal: controller.signal })) {
        got.push(chunk);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(got.length).toBeGreaterThanOrEqual(1);
    // Either the abort arrived before the last frame (an error) or all frames were already in: never a hang.
    if (err) expect((err as Error).message).toContain('aborted');
  });
});
