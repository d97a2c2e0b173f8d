import { describe, expect, it } from 'vitest';
import { changeVoiceSettings } from './voice-settings-change.js';
import { storedVoiceSchema } from './voice-settings.js';

const seal = (secret: string) => `sealed(${secret})`;
const empty = storedVoiceSchema.parse({});

describe('changeVoiceSettings', () => {
  it('fills the mainland default endpoints of a provider given without them, and seals its secret', () => {
    const { next, endpoints, secretsChanged, incomplete } = changeVoiceSettings(empty, { recognizer: 'tencent', synthesizer: 'iflytek', tencent: { appId: '1259228442', secretId: 'AKID', secretKey: 's1' }, iflytek: { appId: 'a', apiKey: 'k', apiSecret: 's2' } }, seal);
    expect(next.tencent).toEqual({ appId: '1259228442', secretId: 'AKID', secretKey: 'sealed(s1)', asrUrl: 'wss://asr.cloud.tencent.com/asr/v2', ttsUrl: 'https://tts.tencentcloudapi.com/', engine: '16k_zh', voiceType: 101001 });
    expect(next.iflytek).toMatchObject({ apiSecret: 'sealed(s2)', iatUrl: 'wss://iat-api.xfyun.cn/v2/iat', ttsUrl: 'wss://tts-api.xfyun.cn/v2/tts', voice: 'xiaoyan' });
    expect(endpoints).toEqual(['wss://asr.cloud.tencent.com/asr/v2', 'https://tts.tencentcloudapi.com/', 'wss://iat-api.xfyun.cn/v2/iat', 'wss://tts-api.xfyun.cn/v2/tts']);
    expect(secretsChanged).toEqual(['tencent', 'iflytek']);
    expect(incomplete).toBeNull();
  });

  it('keeps a stored secret when the input omits it, and keeps an omitted section as stored', () => {
    const first = changeVoiceSettings(empty, { recognizer: 'tencent', synthesizer: 'espeak', tencent: { appId: '1', secretId: 'AKID', secretKey: 's1' } }, seal).next;
    const second = changeVoiceSettings(first, { recognizer: 'tencent', synthesizer: 'tencent', tencent: { appId: '1', secretId: 'AKID', voiceType: 1001 } }, seal);
    expect(second.next.tencent).toMatchObject({ secretKey: 'sealed(s1)', voiceType: 1001 });
    expect(second.secretsChanged).toEqual([]);
    const third = changeVoiceSettings(second.next, { recognizer: 'tencent', synthesizer: 'espeak' }, seal);
    expect(third.next.tencent).toEqual(second.next.tencent);
    expect(third.endpoints).toEqual([]);
  });

  it('names a chosen provider that has no secret, or none at all', () => {
    expect(changeVoiceSettings(empty, { recognizer: 'iflytek', synthesizer: 'espeak', iflytek: { appId: 'a', apiKey: 'k' } }, seal).incomplete).toBe('iflytek');
    expect(changeVoiceSettings(empty, { recognizer: 'none', synthesizer: 'tencent' }, seal).incomplete).toBe('tencent');
    expect(changeVoiceSettings(empty, { recognizer: 'none', synthesizer: 'espeak' }, seal).incomplete).toBeNull();
  });

  it('removes a section set to null', () => {
    const first = changeVoiceSettings(empty, { recognizer: 'none', synthesizer: 'espeak', iflytek: { appId: 'a', apiKey: 'k', apiSecret: 's' } }, seal).next;
    expect(changeVoiceSettings(first, { recognizer: 'none', synthesizer: 'espeak', iflytek: null }, seal).next.iflytek).toBeNull();
  });
});
