import type { SpeechRecognizerChoice, SpeechSynthesizerChoice, VoiceSettings, VoiceSettingsUpdate } from '../api/api-types.js';

export type CloudProvider = 'aliyun' | 'tencent' | 'iflytek';
export const CLOUD_PROVIDERS: readonly CloudProvider[] = ['aliyun', 'tencent', 'iflytek'];

/**
 * What the voice settings card edits. Secrets start empty: the server never sends them back, and an empty secret
 * on save keeps the stored one.
 */
export interface VoiceForm {
  recognizer: SpeechRecognizerChoice;
  synthesizer: SpeechSynthesizerChoice;
  aliyun: { appKey: string; accessKeyId: string; accessKeySecret: string };
  tencent: { appId: string; secretId: string; secretKey: string; voiceType: string };
  iflytek: { appId: string; apiKey: string; apiSecret: string; voice: string };
}

/** The form for loaded settings. */
export function voiceFormOf(settings: VoiceSettings): VoiceForm {
  return {
    recognizer: settings.recognizer,
    synthesizer: settings.synthesizer,
    aliyun: { appKey: settings.aliyun?.appKey ?? '', accessKeyId: settings.aliyun?.accessKeyId ?? '', accessKeySecret: '' },
    tencent: { appId: settings.tencent?.appId ?? '', secretId: settings.tencent?.secretId ?? '', secretKey: '', voiceType: String(settings.tencent?.voiceType ?? '') },
    iflytek: { appId: settings.iflytek?.appId ?? '', apiKey: settings.iflytek?.apiKey ?? '', apiSecret: '', voice: settings.iflytek?.voice ?? '' },
  };
}

/** The cloud providers the form uses (their sections are shown and saved). */
export function chosenProviders(form: Pick<VoiceForm, 'recognizer' | 'synthesizer'>): CloudProvider[] {
  return CLOUD_PROVIDERS.filter((p) => form.recognizer === p || form.synthesizer === p);
}

/**
 * The `PUT /settings/voice` body: the sections of the chosen providers, each with the endpoints it was loaded with
 * (the form does not edit them, and the server would otherwise reset them to the mainland defaults), and a secret
 * only when one was typed. Sections of providers not chosen are left out, so the server keeps them as stored.
 */
export function voiceSettingsUpdate(form: VoiceForm, loaded: VoiceSettings): VoiceSettingsUpdate {
  const update: VoiceSettingsUpdate = { recognizer: form.recognizer, synthesizer: form.synthesizer };
  const secret = (value: string) => (value.trim() ? value.trim() : undefined);
  const chosen = chosenProviders(form);
  if (chosen.includes('aliyun')) {
    const a = loaded.aliyun;
    update.aliyun = {
      appKey: form.aliyun.appKey.trim(),
      accessKeyId: form.aliyun.accessKeyId.trim(),
      ...(secret(form.aliyun.accessKeySecret) ? { accessKeySecret: secret(form.aliyun.accessKeySecret) } : {}),
      ...(a ? { tokenUrl: a.tokenUrl, gatewayUrl: a.gatewayUrl, ttsUrl: a.ttsUrl, voice: a.voice } : {}),
    };
  }
  if (chosen.includes('tencent')) {
    const t = loaded.tencent;
    const voiceType = Number(form.tencent.voiceType.trim());
    update.tencent = {
      appId: form.tencent.appId.trim(),
      secretId: form.tencent.secretId.trim(),
      ...(secret(form.tencent.secretKey) ? { secretKey: secret(form.tencent.secretKey) } : {}),
      ...(t ? { asrUrl: t.asrUrl, ttsUrl: t.ttsUrl, engine: t.engine } : {}),
      ...(form.tencent.voiceType.trim() && Number.isInteger(voiceType) ? { voiceType } : {}),
    };
  }
  if (chosen.includes('iflytek')) {
    const i = loaded.iflytek;
    update.iflytek = {
      appId: form.iflytek.appId.trim(),
      apiKey: form.iflytek.apiKey.trim(),
      ...(secret(form.iflytek.apiSecret) ? { apiSecret: secret(form.iflytek.apiSecret) } : {}),
      ...(i ? { iatUrl: i.iatUrl, ttsUrl: i.ttsUrl } : {}),
      ...(form.iflytek.voice.trim() ? { voice: form.iflytek.voice.trim() } : {}),
    };
  }
  return update;
}
