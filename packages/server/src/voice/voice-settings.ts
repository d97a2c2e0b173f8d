import { z } from 'zod';

export const ALIYUN_DEFAULTS = {
  tokenUrl: 'https://nls-meta.cn-shanghai.aliyuncs.com/',
  gatewayUrl: 'wss://nls-gateway-cn-shanghai.aliyuncs.com/ws/v1',
  ttsUrl: 'https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/tts',
  voice: 'xiaoyun',
} as const;

/** A tenant's 阿里云智能语音交互 project as stored (the AccessKey secret sealed, context `voice:<tenantId>`). */
const storedAliyunSchema = z.object({
  appKey: z.string(),
  accessKeyId: z.string(),
  accessKeySecret: z.string().nullable(),
  tokenUrl: z.string().default(ALIYUN_DEFAULTS.tokenUrl),
  gatewayUrl: z.string().default(ALIYUN_DEFAULTS.gatewayUrl),
  ttsUrl: z.string().default(ALIYUN_DEFAULTS.ttsUrl),
  voice: z.string().default(ALIYUN_DEFAULTS.voice),
});

/** `tenants.settings.voice`. */
export const storedVoiceSchema = z.object({
  recognizer: z.enum(['none', 'aliyun']).default('none'),
  synthesizer: z.enum(['espeak', 'aliyun']).default('espeak'),
  aliyun: storedAliyunSchema.nullable().default(null),
});
export type StoredVoiceSettings = z.infer<typeof storedVoiceSchema>;
export type StoredAliyun = z.infer<typeof storedAliyunSchema>;

const endpoint = z.string().trim().url().max(500);

export const voiceSettingsInput = z.strictObject({
  recognizer: z.enum(['none', 'aliyun']).describe('Speech recognition: none (voice input answers 语音识别未配置) or a cloud provider'),
  synthesizer: z.enum(['espeak', 'aliyun']).describe('Text to speech: espeak (local, the default) or a cloud provider'),
  aliyun: z
    .strictObject({
      appKey: z.string().trim().min(1).max(100),
      accessKeyId: z.string().trim().min(1).max(100),
      /** A new secret; omitted keeps the stored one. */
      accessKeySecret: z.string().trim().min(1).max(200).optional(),
      tokenUrl: endpoint.optional(),
      gatewayUrl: endpoint.optional(),
      ttsUrl: endpoint.optional(),
      voice: z.string().trim().regex(/^[a-z0-9_]{1,40}$/).optional(),
    })
    .nullable()
    .optional(),
});
export type VoiceSettingsInput = z.infer<typeof voiceSettingsInput>;

/** What the console reads: never the secret. */
export const voiceSettingsDto = z.object({
  recognizer: z.enum(['none', 'aliyun']),
  synthesizer: z.enum(['espeak', 'aliyun']),
  aliyun: z
    .object({ appKey: z.string(), accessKeyId: z.string(), accessKeySecretSet: z.boolean(), tokenUrl: z.string(), gatewayUrl: z.string(), ttsUrl: z.string(), voice: z.string() })
    .nullable(),
  mainlandProvidersOnly: z.boolean().describe("The tenant's privacy switch (changed in the privacy settings); cloud endpoints outside mainland China are refused while it is on"),
});
export type VoiceSettingsDto = z.infer<typeof voiceSettingsDto>;
