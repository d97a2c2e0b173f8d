import type { ApiClient } from '../api/api-client.js';

export type WechatAccountKind = 'wechat_mp' | 'wechat_mini' | 'wecom_kf';
export const WECHAT_ACCOUNT_KINDS: readonly WechatAccountKind[] = ['wechat_mp', 'wechat_mini', 'wecom_kf'];

/** `GET /channels/wechat/accounts` → one account; the server never sends a secret back, only whether it is set. */
export interface WechatAccount {
  id: string;
  kind: WechatAccountKind;
  name: string;
  appId: string;
  apiBaseUrl: string;
  active: boolean;
  hasSecret: boolean;
  hasToken: boolean;
  encrypted: boolean;
  /** 服务器地址 to paste into WeChat's console, after this server's public origin. */
  callbackPath: string;
  createdAt: string;
}

export interface CreateWechatAccountInput {
  kind: WechatAccountKind;
  name: string;
  appId: string;
  secret: string;
  token: string;
  encodingAesKey?: string;
  apiBaseUrl?: string;
}

/** Only the fields the admin changed; `encodingAesKey: null` switches a 公众号 back to plaintext mode. */
export interface UpdateWechatAccountInput {
  name?: string;
  appId?: string;
  secret?: string;
  token?: string;
  encodingAesKey?: string | null;
  apiBaseUrl?: string;
  active?: boolean;
}

/**
 * The WeChat account routes (`settings.manage`) on the console's ApiClient.
 * @example await new WechatAccountsApi(api).update(id, { active: false })
 */
export class WechatAccountsApi {
  constructor(private readonly api: ApiClient) {}

  async list(): Promise<WechatAccount[]> {
    const { items } = await this.api.send<{ items: WechatAccount[] }>('GET', '/channels/wechat/accounts');
    return items;
  }

  create(input: CreateWechatAccountInput): Promise<WechatAccount> {
    return this.api.send('POST', '/channels/wechat/accounts', input);
  }

  update(id: string, patch: UpdateWechatAccountInput): Promise<WechatAccount> {
    return this.api.send('PATCH', `/channels/wechat/accounts/${encodeURIComponent(id)}`, patch);
  }

  remove(id: string): Promise<void> {
    return this.api.send('DELETE', `/channels/wechat/accounts/${encodeURIComponent(id)}`);
  }
}
