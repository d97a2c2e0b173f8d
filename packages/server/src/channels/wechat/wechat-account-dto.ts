import { z } from 'zod';
import { plainTextSchema } from '../../http/common-schemas.js';

export const WECHAT_ACCOUNT_KINDS = ['wechat_mp', 'wechat_mini', 'wecom_kf'] as const;

/** The API base URL each kind talks to unless the admin sets another (a proxy, or the tests' fake). */
export const DEFAULT_API_BASE_URL: Record<(typeof WECHAT_ACCOUNT_KINDS)[number], string> = {
  wechat_mp: 'https://api.weixin.qq.com',
  wechat_mini: 'https://api.weixin.qq.com',
  wecom_kf: 'https://qyapi.weixin.qq.com',
};

const appId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'AppID / CorpID: 4–64 letters, digits, _ or -');
const secret = z.string().regex(/^[\x21-\x7e]{8,128}$/, '8–128 printable ASCII characters');
const token = z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'Token: 3–32 letters and digits (WeChat’s rule)');
const encodingAesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, 'EncodingAESKey: exactly 43 letters and digits');
const apiBaseUrl = z.url({ protocol: /^https?$/ }).max(300);

export const createWechatAccountBodySchema = z
  .strictObject({
    kind: z.enum(WECHAT_ACCOUNT_KINDS),
    name: plainTextSchema(100),
    appId,
    secret,
    token,
    encodingAesKey: encodingAesKey.optional(),
    apiBaseUrl: apiBaseUrl.optional(),
  })
  .refine((b) => b.kind !== 'wecom_kf' || b.encodingAesKey !== undefined, { message: '企业微信 always encrypts: encodingAesKey is required', path: ['encodingAesKey'] });
export type CreateWechatAccountBody = z.infer<typeof createWechatAccountBodySchema>;

export const updateWechatAccountBodySchema = z.strictObject({
  name: plainTextSchema(100).optional(),
  appId: appId.optional(),
  secret: secret.optional(),
  token: token.optional(),
  /** null switches a 公众号 back to plaintext mode. */
  encodingAesKey: encodingAesKey.nullable().optional(),
  apiBaseUrl: apiBaseUrl.optional(),
  active: z.boolean().optional(),
});
export type UpdateWechatAccountBody = z.infer<typeof updateWechatAccountBodySchema>;

/** An account as the API shows it: never a secret, only whether each is set. */
export const wechatAccountDtoSchema = z.object({
  id: z.string(),
  kind: z.enum(WECHAT_ACCOUNT_KINDS),
  name: z.string(),
  appId: z.string(),
  apiBaseUrl: z.string(),
  active: z.boolean(),
  hasSecret: z.boolean(),
  hasToken: z.boolean(),
  encrypted: z.boolean(),
  /** The path to enter as the server URL (服务器地址) in the WeChat admin console, after this server's public origin. */
  callbackPath: z.string(),
  createdAt: z.string(),
});
export type WechatAccountDto = z.infer<typeof wechatAccountDtoSchema>;
