import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakSpeech } from '../test-support/espeak-speech.js';
import { FakeIflytek } from '../test-support/fake-iflytek.js';
import { SpeechProviderError } from '../voice-errors.js';
import { IflytekIatRecognizer } from './iflytek-iat-recognizer.js';

const CREDENTIALS = { appId: 'app-test', apiKey: 'key-test', apiSecret: 'secret-of-test' };
const PHRASE = '我要退货';

describe('IflytekIatRecognizer against a fake 语音听写', () => {
  const fake = new FakeIflytek(CREDENTIALS);
  let phrase: Int16Array;
  const recognizer = (overrides: Partial<typeof CREDENTIALS> = {}, now?: () => Date) => new IflytekIatRecognizer({ ...CREDENTIALS, ...overrides, iatUrl: fake.endpoints.iatUrl }, now);

  beforeAll(async () => {
    await fake.start();
    phrase = await espeakSpeech(PHRASE);
    fake.register(phrase, PHRASE);
  }, 60_000);
  afterAll(() => fake.close());

  it('streams status 0/1/2 frames, applies the pgs/rg corrections to partials and returns the final text', async () => {
    const partials: string[] = [];
    const stream = await recognizer().start({ onPartial: (text) => partials.push(text) });
    stream.push(phrase);
    expect(await stream.finish()).toBe(PHRASE);
    // Each partial replaced the one before (rpl over rg), so none is a concatenation of earlier ones.
    expect(partials.length).toBeGreaterThan(1);
    for (const p of partials) expect(PHRASE.startsWith(p)).toBe(true);
    const seen = fake.recognitions.at(-1)!;
    expect(seen.samples).toBe(phrase.length);
    expect(seen.maxLeadMs).toBeLessThan(1_500);
  }, 30_000);

  it('is refused at the handshake (401) when signed with a wrong APISecret', async () => {
    const stream = await recognizer({ apiSecret: 'not-the-secret' }).start();
    stream.push(phrase.subarray(0, 3200));
    const err = await stream.finish().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechProviderError);
    expect((err as Error).message).toContain('401');
    expect(fake.refusals).toContain('HMAC signature does not match');
  });

  it('is refused (403) when its clock is more than 300 s off', async () => {
    const stream = await recognizer({}, () => new Date(Date.now() - 400_000)).start();
    const err = await stream.finish().catch((e: unknown) => e);
    expect((err as Error).message).toContain('403');
  });

  it('reports the service error code when the app id is not the key\'s', async () => {
    const stream = await recognizer({ appId: 'someone-else' }).start();
    stream.push(phrase.subarray(0, 3200));
    const err = await stream.finish().catch((e: unknown) => e);
    expect((err as Error).message).toContain('10313');
  });
});
