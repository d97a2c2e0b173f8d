import { describe, expect, it } from 'vitest';
import type { VoiceSettings } from '../api/api-types.js';
import { ApiClient } from '../api/api-client.js';
import { adminSession, errorResponse, fakeApiServer, jsonResponse } from '../test-support/fake-api-server.js';
import { chosenProviders, voiceFormOf, voiceSettingsUpdate } from './voice-settings-form.js';

const loaded: VoiceSettings = {
  recognizer: 'tencent',
  synthesizer: 'espeak',
  aliyun: null,
  tencent: { appId: '1259228442', secretId: 'AKID', secretKeySet: true, asrUrl: 'wss://asr.cloud.tencent.com/asr/v2', ttsUrl: 'https://tts.tencentcloudapi.com/', engine: '16k_zh', voiceType: 101001 },
  iflytek: null,
  mainlandProvidersOnly: true,
};

describe('voice settings form', () => {
  it('starts from the loaded settings with every secret empty', () => {
    const form = voiceFormOf(loaded);
    expect(form.tencent).toEqual({ appId: '1259228442', secretId: 'AKID', secretKey: '', voiceType: '101001' });
    expect(form.iflytek).toEqual({ appId: '', apiKey: '', apiSecret: '', voice: '' });
  });

  it('saves the chosen provider with its loaded endpoints and without a secret when none was typed', () => {
    const form = { ...voiceFormOf(loaded), synthesizer: 'tencent' as const };
    expect(voiceSettingsUpdate(form, loaded)).toEqual({
      recognizer: 'tencent',
      synthesizer: 'tencent',
      tencent: { appId: '1259228442', secretId: 'AKID', asrUrl: 'wss://asr.cloud.tencent.com/asr/v2', ttsUrl: 'https://tts.tencentcloudapi.com/', engine: '16k_zh', voiceType: 101001 },
    });
  });

  it('sends a typed secret and a new provider, and leaves out providers not chosen', () => {
    const form = voiceFormOf(loaded);
    form.recognizer = 'iflytek';
    form.synthesizer = 'iflytek';
    form.iflytek = { appId: ' app ', apiKey: 'key', apiSecret: ' s3cret ', voice: '' };
    const update = voiceSettingsUpdate(form, loaded);
    expect(update).toEqual({ recognizer: 'iflytek', synthesizer: 'iflytek', iflytek: { appId: 'app', apiKey: 'key', apiSecret: 's3cret' } });
    expect(chosenProviders(form)).toEqual(['iflytek']);
  });

  it('goes to the API as a PUT, and a refusal abroad comes back as an ApiError with its code', async () => {
    const server = fakeApiServer([jsonResponse(200, adminSession), jsonResponse(200, loaded), errorResponse(403, 'provider_outside_mainland', 'Provider host is not in mainland China')]);
    const api = new ApiClient({ fetch: server.fetch });
    await api.me();
    expect(await api.getVoiceSettings()).toEqual(loaded);
    await expect(api.updateVoiceSettings(voiceSettingsUpdate(voiceFormOf(loaded), loaded))).rejects.toMatchObject({ code: 'provider_outside_mainland', status: 403 });
    expect(server.calls[2]?.url).toBe('/api/v1/settings/voice');
    expect(server.calls[2]?.init.method).toBe('PUT');
  });
});
