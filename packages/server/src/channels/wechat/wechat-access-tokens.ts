import type { TenantContext } from '../../tenancy/tenant-context.js';
import type { WechatAccount, WechatAccountRepository } from './wechat-account-repository.js';
import { WechatApiError, type WechatApiClient } from './wechat-api-client.js';

/** A token is refreshed this long before WeChat says it expires, so a send never carries one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Each account's access token, cached in the database (one for every node, kept across restarts),
 * fetched again shortly before it expires and at once when WeChat calls it invalid (40001/42001).
 * Two nodes refreshing at the same moment is harmless: WeChat keeps the previous token valid for
 * five minutes after issuing a new one.
 */
export class WechatAccessTokens {
  constructor(
    private readonly accounts: WechatAccountRepository,
    private readonly api: WechatApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(ctx: TenantContext, account: WechatAccount): Promise<string> {
    const now = this.now();
    const cached = await this.accounts.cachedToken(ctx, account.id, new Date(now.getTime() + REFRESH_MARGIN_MS));
    if (cached) return cached;
    const fresh = await this.api.fetchAccessToken(account, account.secret);
    await this.accounts.storeToken(ctx, account.id, fresh.accessToken, new Date(now.getTime() + fresh.expiresIn * 1000));
    return fresh.accessToken;
  }

  /** Runs `call` with the token; when WeChat calls the token invalid or expired, once more with a fresh one. */
  async withToken<T>(ctx: TenantContext, account: WechatAccount, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get(ctx, account);
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !err.tokenInvalid) throw err;
      await this.accounts.dropToken(ctx, account.id, token);
      return call(await this.get(ctx, account));
    }
  }
}
