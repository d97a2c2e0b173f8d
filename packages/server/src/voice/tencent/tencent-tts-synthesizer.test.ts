import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTencentCloud } from '../test-support/fake-tencent-cloud.js';
import { SpeechProviderError } from '../voice-errors.js';
import { sentencesOf, TencentTtsSynthesizer } from './tencent-tts-synthesizer.js';

const CREDENTIALS = { appId: '1259228442', secretId: 'AKIDtest', secretKey: 'secret-of-test' };

async function collect(chunks: AsyncIterable<Int16Array>): Promise<Int16Array[]> {
  const out: Int16Array[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('TencentTtsSynthesizer against a fake TextToVoice', () => {
  const fake = new FakeTencentCloud(CREDENTIALS);
  const synthesizer = (secretKey = CREDENTIALS.secretKey, now?: () => number) => new TencentTtsSynthesizer({ secretId: CREDENTIALS.secretId, secretKey, ttsUrl: fake.endpoints.ttsUrl, voiceType: 101001 }, now);

  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it('speaks a reply as 16 kHz PCM through a TC3-signed request the fake accepts', async () => {
    const chunks = await collect(synthesizer().synthesize('您好，请问有什么可以帮您？'));
    expect(chunks).toHaveLength(1);
    // The fake's tone lasts 0.2 s a character: 13 characters.
    expect(chunks[0]!.length).toBe(Math.round(13 * 0.2 * 16_000));
    expect(fake.ttsRequests.at(-1)).toEqual({ text: '您好，请问有什么可以帮您？', voiceType: 101001 });
  });

  it('cuts a long reply at sentence ends into requests the API accepts (≤ 150 characters), first sentence first', async () => {
    const long = `${'这是一个很长的句子，'.repeat(12)}。${'第二句也很长，'.repeat(10)}。`;
    const before = fake.ttsRequests.length;
    const chunks = await collect(synthesizer().synthesize(long));
    const sent = fake.ttsRequests.slice(before);
    expect(sent.length).toBe(chunks.length);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((r) => [...r.text].length <= 150)).toBe(true);
    expect(sent.map((r) => r.text).join('')).toBe(long);
  });

  it('is refused with AuthFailure.SignatureFailure when signed with a wrong SecretKey', async () => {
    const err = await collect(synthesizer('not-the-secret').synthesize('您好')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechProviderError);
    expect((err as Error).message).toContain('AuthFailure.SignatureFailure');
  });

  it('is refused with AuthFailure.SignatureExpire when its clock is more than five minutes off', async () => {
    const err = await collect(synthesizer(CREDENTIALS.secretKey, () => Date.now() - 10 * 60_000).synthesize('您好')).catch((e: unknown) => e);
    expect((err as Error).message).toContain('AuthFailure.SignatureExpire');
  });
});

describe('sentencesOf', () => {
  it('keeps short text whole and groups sentences up to the limit', () => {
    expect(sentencesOf('你好。')).toEqual(['你好。']);
    expect(sentencesOf('一二。三四。五六。', 6)).toEqual(['一二。三四。', '五六。']);
  });

  it('cuts a sentence longer than the limit', () => {
    expect(sentencesOf('一二三四五六七', 3)).toEqual(['一二三', '四五六', '七']);
  });
});
