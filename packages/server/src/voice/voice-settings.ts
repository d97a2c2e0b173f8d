import { z } from 'zod';

export const ALIYUN_DEFAULTS = {
  tokenUrl: 'https://nls-meta.cn-shanghai.aliyuncs.com/',
  gatewayUrl: 'wss://nls-gateway-cn-shanghai.aliyuncs.com/ws/v1',
  ttsUrl: 'https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/tts',
  voice: 'xiaoyun',
} as const;

export const TENCENT_DEFAULTS = {
  asrUrl: 'wss://asr.cloud.tencent.com/asr/v2',
  ttsUrl: 'https://tts.tencentcloudapi.com/',
  engine: '16k_zh',
  voiceType: 101001,
} as const;

export const IFLYTEK_DEFAULTS = {
  iatUrl: 'wss://iat-api.xfyun.cn/v2/iat',
  ttsUrl: 'wss://tts-api.xfyun.cn/v2/tts',
  voice: 'xiaoyan',
} as const;

const RECOGNIZERS = ['none', 'aliyun', 'tencent', 'iflytek'] as const;
const SYNTHESIZERS = ['espeak', 'aliyun', 'tencent', 'iflytek'] as const;
export type CloudSpeechProvider = 'aliyun' | 'tencent' | 'iflytek';

// Stored shapes: each provider's secret sealed (context `voice:<tenantId>`), null when never given.
const storedAliyunSchema = z.object({
  appKey: z.string(),
  accessKeyId: z.string(),
  accessKeySecret: z.string().nullable(),
  tokenUrl: z.string().default(ALIYUN_DEFAULTS.tokenUrl),
  gatewayUrl: z.string().default(ALIYUN_DEFAULTS.gatewayUrl),
  ttsUrl: z.string().default(ALIYUN_DEFAULTS.ttsUrl),
  voice: z.string().default(ALIYUN_DEFAULTS.voice),
});

const storedTencentSchema = z.object({
  appId: z.string(),
  secretId: z.string(),
  secretKey: z.string().nullable(),
  asrUrl: z.string().default(TENCENT_DEFAULTS.asrUrl),
  ttsUrl: z.string().default(TENCENT_DEFAULTS.ttsUrl),
  engine: z.string().default(TENCENT_DEFAULTS.engine),
  voiceType: z.number().default(TENCENT_DEFAULTS.voiceType),
});

const storedIflytekSchema = z.object({
  appId: z.string(),
  apiKey: z.string(),
  apiSecret: z.string().nullable(),
  iatUrl: z.string().default(IFLYTEK_DEFAULTS.iatUrl),
  ttsUrl: z.string().default(IFLYTEK_DEFAULTS.ttsUrl),
  voice: z.string().default(IFLYTEK_DEFAULTS.voice),
});

/** `tenants.settings.voice`. */
export const storedVoiceSchema = z.object({
  recognizer: z.enum(RECOGNIZERS).default('none'),
  synthesizer: z.enum(SYNTHESIZERS).default('espeak'),
  aliyun: storedAliyunSchema.nullable().default(null),
  tencent: storedTencentSchema.nullable().default(null),
  iflytek: storedIflytekSchema.nullable().default(null),
});
export type StoredVoiceSettings = z.infer<typeof storedVoiceSchema>;
export type StoredAliyun = z.infer<typeof storedAliyunSchema>;
export type StoredTencent = z.infer<typeof storedTencentSchema>;
export type StoredIflytek = z.infer<typeof storedIflytekSchema>;

const endpoint = z.string().trim().url().max(500);
const credential = z.string().trim().min(1).max(100);
/** A new secret; omitted keeps the stored one. */
const newSecret = z.string().trim().min(1).max(200).optional();

export const voiceSettingsInput = z.strictObject({
  recognizer: z.enum(RECOGNIZERS).describe('Speech recognition: none (voice input answers 语音识别未配置) or a cloud provider'),
  synthesizer: z.enum(SYNTHESIZERS).describe('Text to speech: espeak (local, the default) or a cloud provider'),
  aliyun: z
    .strictObject({
      appKey: credential,
      accessKeyId: credential,
      accessKeySecret: newSecret,
      tokenUrl: endpoint.optional(),
      gatewayUrl: endpoint.optional(),
      ttsUrl: endpoint.optional(),
      voice: z.string().trim().regex(/^[a-z0-9_]{1,40}$/).optional(),
    })
    .nullable()
    .optional()
    .describe('阿里云智能语音交互; null removes it, omitted keeps what is stored'),
  tencent: z
    .strictObject({
      appId: z.string().trim().regex(/^\d{1,20}$/, 'The AppID is the account number (digits)'),
      secretId: credential,
      secretKey: newSecret,
      asrUrl: endpoint.optional(),
      ttsUrl: endpoint.optional(),
      engine: z.string().trim().regex(/^16k_[a-z_]{2,30}$/, 'A 16 kHz engine such as 16k_zh').optional(),
      voiceType: z.number().int().min(0).max(10_000_000).optional(),
    })
    .nullable()
    .optional()
    .describe('Tencent Cloud 语音识别 / 语音合成; null removes it, omitted keeps what is stored'),
  iflytek: z
    .strictObject({
      appId: credential,
      apiKey: credential,
      apiSecret: newSecret,
      iatUrl: endpoint.optional(),
      ttsUrl: endpoint.optional(),
      voice: z.string().trim().regex(/^[a-z0-9_]{1,40}$/).optional(),
    })
    .nullable()
    .optional()
    .describe('iFlytek 语音听写 / 在线语音合成; null removes it, omitted keeps what is stored'),
});
export type VoiceSettingsInput = z.infer<typeof voiceSettingsInput>;

/** What the console reads: never a secret, only whether one is set. */
export const voiceSettingsDto = z.object({
  recognizer: z.enum(RECOGNIZERS),
  synthesizer: z.enum(SYNTHESIZERS),
  aliyun: z
    .object({ appKey: z.string(), accessKeyId: z.string(), accessKeySecretSet: z.boolean(), tokenUrl: z.string(), gatewayUrl: z.string(), ttsUrl: z.string(), voice: z.string() })
    .nullable(),
  tencent: z
    .object({ appId: z.string(), secretId: z.string(), secretKeySet: z.boolean(), asrUrl: z.string(), ttsUrl: z.string(), engine: z.string(), voiceType: z.number() })
    .nullable(),
  iflytek: z.object({ appId: z.string(), apiKey: z.string(), apiSecretSet: z.boolean(), iatUrl: z.string(), ttsUrl: z.string(), voice: z.string() }).nullable(),
  mainlandProvidersOnly: z.boolean().describe("The tenant's privacy switch (changed in the privacy settings); cloud endpoints outside mainland China are refused while it is on"),
});
export type VoiceSettingsDto = z.infer<typeof voiceSettingsDto>;
