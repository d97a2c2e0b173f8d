import type { WechatAccountKind } from './wechat-schema.js';
import type { WechatHttp, WechatHttpResponse } from './wechat-http.js';

/** An errcode from a WeChat API (40001/42001: the access token is invalid or expired; 45015: the 48-hour window is over). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(`WeChat API errcode ${errcode}: ${message}`);
    this.name = 'WechatApiError';
  }

  get tokenInvalid(): boolean {
    return this.errcode === 40001 || this.errcode === 42001 || this.errcode === 40014;
  }
}

export interface WechatApiAccount {
  kind: WechatAccountKind;
  appId: string;
  apiBaseUrl: string;
}

export interface KfSyncedMessage {
  msgid: string;
  open_kfid?: string;
  external_userid?: string;
  send_time?: number;
  /** 3: from the WeChat customer, 4: a system event, 5: from a servicer. */
  origin?: number;
  msgtype: string;
  text?: { content?: string };
  image?: { media_id?: string };
  voice?: { media_id?: string };
  video?: { media_id?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  link?: { title?: string; desc?: string; url?: string };
  event?: { event_type?: string; open_kfid?: string; external_userid?: string };
}

/**
 * The WeChat HTTP APIs the channel uses, after the public documentation:
 * 公众号/小程序 `cgi-bin/token`, `cgi-bin/message/custom/send`, `cgi-bin/media/get`;
 * 企业微信 `cgi-bin/gettoken`, `cgi-bin/kf/send_msg`, `cgi-bin/kf/sync_msg`, `cgi-bin/media/get`.
 */
export class WechatApiClient {
  constructor(private readonly http: WechatHttp) {}

  async fetchAccessToken(account: WechatApiAccount, secret: string): Promise<{ accessToken: string; expiresIn: number }> {
    const url =
      account.kind === 'wecom_kf'
        ? endpoint(account, '/cgi-bin/gettoken', { corpid: account.appId, corpsecret: secret })
        : endpoint(account, '/cgi-bin/token', { grant_type: 'client_credential', appid: account.appId, secret });
    const json = checked(await this.http.request('GET', url));
    if (typeof json.access_token !== 'string' || json.access_token === '') throw new WechatApiError(-1, 'no access_token in the answer');
    return { accessToken: json.access_token, expiresIn: typeof json.expires_in === 'number' ? json.expires_in : 7200 };
  }

  /** A text to a 公众号/小程序 user (客服消息). */
  async sendCustomText(account: WechatApiAccount, accessToken: string, openid: string, content: string): Promise<void> {
    checked(await this.http.request('POST', endpoint(account, '/cgi-bin/message/custom/send', { access_token: accessToken }), { touser: openid, msgtype: 'text', text: { content } }));
  }

  /** A text to a 企业微信客服 customer from the 客服账号 they wrote to. */
  async sendKfText(account: WechatApiAccount, accessToken: string, externalUserId: string, openKfId: string, content: string): Promise<void> {
    checked(
      await this.http.request('POST', endpoint(account, '/cgi-bin/kf/send_msg', { access_token: accessToken }), {
        touser: externalUserId,
        open_kfid: openKfId,
        msgtype: 'text',
        text: { content },
      }),
    );
  }

  /** The next page of 企业微信客服 messages after `cursor`; `token` is the callback's, valid for 10 minutes. */
  async syncKf(account: WechatApiAccount, accessToken: string, input: { cursor: string | null; token: string; openKfId: string }): Promise<{ nextCursor: string | null; hasMore: boolean; messages: KfSyncedMessage[] }> {
    const json = checked(
      await this.http.request('POST', endpoint(account, '/cgi-bin/kf/sync_msg', { access_token: accessToken }), {
        ...(input.cursor ? { cursor: input.cursor } : {}),
        token: input.token,
        limit: 1000,
        open_kfid: input.openKfId,
      }),
    );
    const list = Array.isArray(json.msg_list) ? (json.msg_list as KfSyncedMessage[]) : [];
    return { nextCursor: typeof json.next_cursor === 'string' && json.next_cursor !== '' ? json.next_cursor : null, hasMore: json.has_more === 1, messages: list };
  }

  /** A temporary media file (an image the user sent): its bytes, or a WechatApiError when WeChat answers JSON. */
  async downloadMedia(account: WechatApiAccount, accessToken: string, mediaId: string): Promise<Buffer> {
    const res = await this.http.request('GET', endpoint(account, '/cgi-bin/media/get', { access_token: accessToken, media_id: mediaId }));
    if (res.contentType.includes('json') || res.contentType.startsWith('text/')) checked(res);
    if (res.status !== 200) throw new WechatApiError(-1, `media download answered HTTP ${res.status}`);
    return res.body;
  }
}

function endpoint(account: WechatApiAccount, path: string, query: Record<string, string>): string {
  const url = new URL(path, account.apiBaseUrl.endsWith('/') ? account.apiBaseUrl : `${account.apiBaseUrl}/`);
  url.pathname = `${new URL(account.apiBaseUrl).pathname.replace(/\/$/, '')}${path}`;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

function checked(res: WechatHttpResponse): Record<string, unknown> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new WechatApiError(-1, `HTTP ${res.status}, not JSON`);
  }
  if (typeof json !== 'object' || json === null) throw new WechatApiError(-1, 'not a JSON object');
  const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
  if (errcode !== 0) throw new WechatApiError(errcode, typeof json.errmsg === 'string' ? json.errmsg.slice(0, 200) : '');
  if (res.status < 200 || res.status >= 300) throw new WechatApiError(-1, `HTTP ${res.status}`);
  return json;
}
