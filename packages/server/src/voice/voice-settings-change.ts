import { ALIYUN_DEFAULTS, IFLYTEK_DEFAULTS, TENCENT_DEFAULTS, type CloudSpeechProvider, type StoredVoiceSettings, type VoiceSettingsInput } from './voice-settings.js';

export interface VoiceSettingsChange {
  next: StoredVoiceSettings;
  /** Endpoints of the provider sections the input set: each is checked (mainland policy, SSRF) before saving. */
  endpoints: string[];
  /** Providers whose secret the input replaced (for the audit row; never the secret itself). */
  secretsChanged: CloudSpeechProvider[];
  /** A chosen provider without its credentials and secret, or null. */
  incomplete: CloudSpeechProvider | null;
}

/**
 * Applies a `PUT /settings/voice` body to the stored settings: a provider section given replaces the stored one
 * (defaults for omitted endpoints; an omitted secret keeps the stored one), `null` removes it, omitted keeps it.
 * New secrets are sealed with `seal` before they leave this function.
 */
export function changeVoiceSettings(current: StoredVoiceSettings, input: VoiceSettingsInput, seal: (secret: string) => string): VoiceSettingsChange {
  const endpoints: string[] = [];
  const secretsChanged: CloudSpeechProvider[] = [];
  const secret = (provider: CloudSpeechProvider, given: string | undefined, stored: string | null | undefined): string | null => {
    if (given === undefined) return stored ?? null;
    secretsChanged.push(provider);
    return seal(given);
  };

  let aliyun = input.aliyun === undefined ? current.aliyun : null;
  if (input.aliyun) {
    const a = input.aliyun;
    aliyun = {
      appKey: a.appKey,
      accessKeyId: a.accessKeyId,
      accessKeySecret: secret('aliyun', a.accessKeySecret, current.aliyun?.accessKeySecret),
      tokenUrl: a.tokenUrl ?? ALIYUN_DEFAULTS.tokenUrl,
      gatewayUrl: a.gatewayUrl ?? ALIYUN_DEFAULTS.gatewayUrl,
      ttsUrl: a.ttsUrl ?? ALIYUN_DEFAULTS.ttsUrl,
      voice: a.voice ?? ALIYUN_DEFAULTS.voice,
    };
    endpoints.push(aliyun.tokenUrl, aliyun.gatewayUrl, aliyun.ttsUrl);
  }

  let tencent = input.tencent === undefined ? current.tencent : null;
  if (input.tencent) {
    const t = input.tencent;
    tencent = {
      appId: t.appId,
      secretId: t.secretId,
      secretKey: secret('tencent', t.secretKey, current.tencent?.secretKey),
      asrUrl: t.asrUrl ?? TENCENT_DEFAULTS.asrUrl,
      ttsUrl: t.ttsUrl ?? TENCENT_DEFAULTS.ttsUrl,
      engine: t.engine ?? TENCENT_DEFAULTS.engine,
      voiceType: t.voiceType ?? TENCENT_DEFAULTS.voiceType,
    };
    endpoints.push(tencent.asrUrl, tencent.ttsUrl);
  }

  let iflytek = input.iflytek === undefined ? current.iflytek : null;
  if (input.iflytek) {
    const i = input.iflytek;
    iflytek = {
      appId: i.appId,
      apiKey: i.apiKey,
      apiSecret: secret('iflytek', i.apiSecret, current.iflytek?.apiSecret),
      iatUrl: i.iatUrl ?? IFLYTEK_DEFAULTS.iatUrl,
      ttsUrl: i.ttsUrl ?? IFLYTEK_DEFAULTS.ttsUrl,
      voice: i.voice ?? IFLYTEK_DEFAULTS.voice,
    };
    endpoints.push(iflytek.iatUrl, iflytek.ttsUrl);
  }

  const next: StoredVoiceSettings = { recognizer: input.recognizer, synthesizer: input.synthesizer, aliyun, tencent, iflytek };
  const complete: Record<CloudSpeechProvider, boolean> = {
    aliyun: Boolean(aliyun?.accessKeySecret),
    tencent: Boolean(tencent?.secretKey),
    iflytek: Boolean(iflytek?.apiSecret),
  };
  const chosen = [next.recognizer, next.synthesizer].filter((p): p is CloudSpeechProvider => p === 'aliyun' || p === 'tencent' || p === 'iflytek');
  return { next, endpoints, secretsChanged, incomplete: chosen.find((p) => !complete[p]) ?? null };
}
