import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunNlsRecognizer } from '../aliyun/aliyun-nls-recognizer.js';
import { AliyunNlsToken } from '../aliyun/aliyun-nls-token.js';
import { recogniseRecording } from '../spoken-message.js';
import { espeakSpeech } from './espeak-speech.js';
import { FakeAliyunNls } from './fake-aliyun-nls.js';

const CREDENTIALS = { accessKeyId: 'LTAI-fake', accessKeySecret: 'fake-secret', appKey: 'fake-app' };
const PHRASES = ['我想查一下物流', '我的订单什么时候发货', '可以开发票吗'];

// bench:voice stopped on an empty transcript: the fake picked single 20 ms frames for its envelope, so whether a clip
// was "recognised" depended on how many bytes the call had sent before it (where the frame grid fell on the audio).
describe('the fake Aliyun recogniser (test support)', () => {
  const fake = new FakeAliyunNls(CREDENTIALS);
  const clips = new Map<string, Int16Array>();
  let recognizer: AliyunNlsRecognizer;

  beforeAll(async () => {
    await fake.start();
    for (const phrase of PHRASES) {
      clips.set(phrase, await espeakSpeech(phrase));
      fake.register(clips.get(phrase)!, phrase);
    }
    const { tokenUrl, gatewayUrl } = fake.endpoints;
    recognizer = new AliyunNlsRecognizer({ appKey: CREDENTIALS.appKey, gatewayUrl }, new AliyunNlsToken({ ...CREDENTIALS, tokenUrl }));
  }, 60_000);

  afterAll(() => fake.close());

  it('recognises each registered clip wherever the 20 ms frame grid falls on it', async () => {
    for (const [phrase, clip] of clips) {
      for (let offset = 0; offset < 320; offset += 32) {
        const audio = new Int16Array(3200 + offset + clip.length + 8000);
        audio.set(clip, 3200 + offset);
        expect(await recogniseRecording(await recognizer.start(), audio), `${phrase} at +${offset} samples`).toBe(phrase);
      }
    }
  }, 60_000);

  it('recognises nothing in two clips run together or in half a clip', async () => {
    const a = clips.get(PHRASES[0]!)!;
    const b = clips.get(PHRASES[1]!)!;
    const both = new Int16Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(await recogniseRecording(await recognizer.start(), both)).toBe('');
    expect(await recogniseRecording(await recognizer.start(), b.subarray(0, b.length >> 1))).toBe('');
  });
});
