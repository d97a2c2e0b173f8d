import { assertProviderAllowed } from '../privacy/mainland-provider-policy.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { AliyunNlsRecognizer } from './aliyun/aliyun-nls-recognizer.js';
import { AliyunNlsSynthesizer } from './aliyun/aliyun-nls-synthesizer.js';
import { AliyunNlsToken } from './aliyun/aliyun-nls-token.js';
import { EspeakSynthesizer } from './espeak-synthesizer.js';
import { IflytekIatRecognizer } from './iflytek/iflytek-iat-recognizer.js';
import { IflytekTtsSynthesizer } from './iflytek/iflytek-tts-synthesizer.js';
import type { SpeechRecognizer } from './speech-recognizer.js';
import type { SpeechSynthesizer } from './speech-synthesizer.js';
import { TencentAsrRecognizer } from './tencent/tencent-asr-recognizer.js';
import { TencentTtsSynthesizer } from './tencent/tencent-tts-synthesizer.js';
import type { StoredAliyun } from './voice-settings.js';
import type { VoiceSettingsRepository } from './voice-settings-repository.js';

/**
 * The speech providers a tenant chose, built from its settings on each use (settings are one small read; the Aliyun
 * token is cached per AccessKey so calls do not sign a new one each time; Tencent and iFlytek sign each request
 * themselves and need no token). A cloud endpoint outside mainland China is
 * refused here too, not only when it is saved: the tenant may have switched "mainland providers only" on since.
 */
export class VoiceProviders {
  private readonly tokens = new Map<string, AliyunNlsToken>();
  private readonly local: SpeechSynthesizer;

  constructor(
    private readonly settings: VoiceSettingsRepository,
    options: { espeakBinary?: string } = {},
  ) {
    this.local = new EspeakSynthesizer({ binary: options.espeakBinary });
  }

  /** The tenant's recogniser, or null when none is configured (voice input then answers 语音识别未配置). */
  async recognizer(ctx: TenantContext): Promise<SpeechRecognizer | null> {
    const { voice, mainlandProvidersOnly } = await this.settings.get(ctx);
    const policy = { mainlandProvidersOnly };
    if (voice.recognizer === 'aliyun' && voice.aliyun) {
      assertProviderAllowed(policy, voice.aliyun.gatewayUrl);
      return new AliyunNlsRecognizer(voice.aliyun, this.token(ctx, voice.aliyun, mainlandProvidersOnly));
    }
    if (voice.recognizer === 'tencent' && voice.tencent?.secretKey) {
      assertProviderAllowed(policy, voice.tencent.asrUrl);
      return new TencentAsrRecognizer({ ...voice.tencent, secretKey: this.settings.open(ctx, voice.tencent.secretKey) });
    }
    if (voice.recognizer === 'iflytek' && voice.iflytek?.apiSecret) {
      assertProviderAllowed(policy, voice.iflytek.iatUrl);
      return new IflytekIatRecognizer({ ...voice.iflytek, apiSecret: this.settings.open(ctx, voice.iflytek.apiSecret) });
    }
    return null;
  }

  /** The tenant's synthesiser; espeak-ng's Mandarin voice unless a cloud one is configured. */
  async synthesizer(ctx: TenantContext): Promise<SpeechSynthesizer> {
    const { voice, mainlandProvidersOnly } = await this.settings.get(ctx);
    const policy = { mainlandProvidersOnly };
    if (voice.synthesizer === 'aliyun' && voice.aliyun) {
      assertProviderAllowed(policy, voice.aliyun.ttsUrl);
      return new AliyunNlsSynthesizer(voice.aliyun, this.token(ctx, voice.aliyun, mainlandProvidersOnly));
    }
    if (voice.synthesizer === 'tencent' && voice.tencent?.secretKey) {
      assertProviderAllowed(policy, voice.tencent.ttsUrl);
      return new TencentTtsSynthesizer({ ...voice.tencent, secretKey: this.settings.open(ctx, voice.tencent.secretKey) });
    }
    if (voice.synthesizer === 'iflytek' && voice.iflytek?.apiSecret) {
      assertProviderAllowed(policy, voice.iflytek.ttsUrl);
      return new IflytekTtsSynthesizer({ ...voice.iflytek, apiSecret: this.settings.open(ctx, voice.iflytek.apiSecret) });
    }
    return this.local;
  }

  private token(ctx: TenantContext, aliyun: StoredAliyun, mainlandProvidersOnly: boolean): AliyunNlsToken {
    assertProviderAllowed({ mainlandProvidersOnly }, aliyun.tokenUrl);
    const key = `${ctx.tenantId}:${aliyun.accessKeyId}:${aliyun.tokenUrl}:${aliyun.accessKeySecret ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = new AliyunNlsToken({ accessKeyId: aliyun.accessKeyId, accessKeySecret: aliyun.accessKeySecret ? this.settings.open(ctx, aliyun.accessKeySecret) : '', tokenUrl: aliyun.tokenUrl });
      this.tokens.set(key, token);
    }
    return token;
  }
}
