import type { CreateWechatAccountInput, UpdateWechatAccountInput, WechatAccount, WechatAccountKind } from './wechat-accounts-api.js';

/** What the account form holds. Secret fields start empty on edit: the server never sends them back. */
export interface WechatAccountFormValues {
  kind: WechatAccountKind;
  name: string;
  appId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** 明文模式 (plaintext) when false; 企业微信 always encrypts. */
  encrypted: boolean;
  apiBaseUrl: string;
}

export function emptyWechatAccountForm(): WechatAccountFormValues {
  return { kind: 'wechat_mp', name: '', appId: '', secret: '', token: '', encodingAesKey: '', encrypted: true, apiBaseUrl: '' };
}

export function wechatAccountFormOf(account: WechatAccount): WechatAccountFormValues {
  return { kind: account.kind, name: account.name, appId: account.appId, secret: '', token: '', encodingAesKey: '', encrypted: account.encrypted, apiBaseUrl: account.apiBaseUrl };
}

/** The create body: blank optional fields are left out so the server applies its defaults. */
export function createBodyOf(values: WechatAccountFormValues): CreateWechatAccountInput {
  const encrypted = values.kind === 'wecom_kf' || values.encrypted;
  return {
    kind: values.kind,
    name: values.name.trim(),
    appId: values.appId.trim(),
    secret: values.secret,
    token: values.token,
    ...(encrypted && values.encodingAesKey ? { encodingAesKey: values.encodingAesKey } : {}),
    ...(values.apiBaseUrl.trim() ? { apiBaseUrl: values.apiBaseUrl.trim() } : {}),
  };
}

/**
 * The PATCH body: only what changed. A blank secret field means "keep the stored one"; switching
 * encryption off sends `encodingAesKey: null`, switching it on needs a new key.
 * @example updateBodyOf(account, { ...wechatAccountFormOf(account), name: '售后' }) // { name: '售后' }
 */
export function updateBodyOf(account: WechatAccount, values: WechatAccountFormValues): UpdateWechatAccountInput {
  const patch: UpdateWechatAccountInput = {};
  if (values.name.trim() !== account.name) patch.name = values.name.trim();
  if (values.appId.trim() !== account.appId) patch.appId = values.appId.trim();
  if (values.secret) patch.secret = values.secret;
  if (values.token) patch.token = values.token;
  const encrypted = account.kind === 'wecom_kf' || values.encrypted;
  if (encrypted && values.encodingAesKey) patch.encodingAesKey = values.encodingAesKey;
  if (!encrypted && account.encrypted) patch.encodingAesKey = null;
  const apiBaseUrl = values.apiBaseUrl.trim();
  if (apiBaseUrl && apiBaseUrl !== account.apiBaseUrl) patch.apiBaseUrl = apiBaseUrl;
  return patch;
}

/** The full callback URL WeChat must call: the origin the admin reached this console on, plus the account's path. */
export function callbackUrlOf(origin: string, account: Pick<WechatAccount, 'callbackPath'>): string {
  return `${origin.replace(/\/+$/, '')}${account.callbackPath}`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random Token (32) or EncodingAESKey (43) in WeChat's alphabet, for the admin to paste on both sides.
 * Rejection sampling keeps every character equally likely.
 */
export function randomWechatKey(length: 32 | 43, random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let out = '';
  const limit = 256 - (256 % ALPHANUMERIC.length);
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return out;
}
