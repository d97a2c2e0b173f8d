import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatMessageCipher } from '../wechat-message-cipher.js';
import { wechatSignature } from '../wechat-signature.js';
import { cdata } from '../wechat-xml.js';

/** An app (公众号 / 小程序: AppID + AppSecret) or a corp (企业微信: CorpID + the 客服 Secret) the fake knows. */
export interface FakeWechatApp {
  appId: string;
  secret: string;
  token: string;
  encodingAesKey?: string;
}

export interface FakeCustomerServiceSend {
  path: '/cgi-bin/message/custom/send' | '/cgi-bin/kf/send_msg';
  appId: string;
  touser: string;
  openKfId: string | null;
  text: string;
}

interface IssuedToken {
  appId: string;
  expiresAt: number;
  revoked: boolean;
}

/**
 * A local stand-in for WeChat's servers, built from the public message formats: it issues access
 * tokens (`cgi-bin/token`, `cgi-bin/gettoken`), records customer-service sends (`message/custom/send`,
 * `kf/send_msg`) and rejects them with 40001/42001 when the token is unknown or expired, serves media
 * (`media/get`) and 企业微信客服 messages (`kf/sync_msg`), and builds callbacks signed — and in 安全模式
 * encrypted — the way WeChat does, in XML or (a 小程序 set to JSON) JSON, for the tests to post to the server.
 */
export class FakeWechatServer {
  readonly sends: FakeCustomerServiceSend[] = [];
  readonly tokenRequests: string[] = [];
  private readonly apps = new Map<string, FakeWechatApp>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly media = new Map<string, Buffer>();
  private readonly kfQueue: Record<string, unknown>[] = [];
  private failSends = 0;
  private tokenCounter = 0;
  private server: Server | null = null;
  /** Seconds a new token lives (WeChat: 7200). */
  tokenLifetime = 7200;

  addApp(app: FakeWechatApp): void {
    this.apps.set(app.appId, app);
  }

  addMedia(mediaId: string, data: Buffer): void {
    this.media.set(mediaId, data);
  }

  /** Queues a 企业微信客服 message for the next `kf/sync_msg`. */
  queueKfMessage(message: Record<string, unknown>): void {
    this.kfQueue.push(message);
  }

  /** Every token issued so far stops working (as when WeChat expires it early): sends get 42001. */
  expireAllTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** The next `n` customer-service sends answer HTTP 500 (a transient outage). */
  failNextSends(n: number): void {
    this.failSends = n;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /**
   * A callback as WeChat would POST it: the message XML, encrypted when the app has an EncodingAESKey,
   * and the query with signature (and msg_signature), timestamp and nonce.
   */
  callback(appId: string, fields: Record<string, string>, options: { timestamp?: number; nonce?: string; format?: 'xml' | 'json' } = {}): { query: Record<string, string>; body: string; contentType: string } {
    const app = this.app(appId);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = options.nonce ?? randomBytes(8).toString('hex');
    const json = options.format === 'json';
    const contentType = json ? 'application/json' : 'text/xml';
    const message = json ? jsonMessage(fields) : xmlMessage(fields);
    const signature = wechatSignature([app.token, timestamp, nonce]);
    if (!app.encodingAesKey) return { query: { signature, timestamp, nonce, openid: fields.FromUserName ?? '' }, body: message, contentType };
    // 安全模式 wraps the message, in the same format, into the envelope's Encrypt field.
    const encrypt = new WechatMessageCipher(app.encodingAesKey, app.appId).encrypt(message);
    const msgSignature = wechatSignature([app.token, timestamp, nonce, encrypt]);
    const envelope = { ToUserName: fields.ToUserName ?? 'gh_fake', Encrypt: encrypt };
    return { query: { signature, timestamp, nonce, encrypt_type: 'aes', msg_signature: msgSignature }, body: json ? JSON.stringify(envelope) : xmlMessage(envelope), contentType };
  }

  /** The URL-verification GET WeChat sends when the admin saves the server URL. */
  verification(appId: string, echostr: string, kind: 'wechat_mp' | 'wecom_kf'): Record<string, string> {
    const app = this.app(appId);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    if (kind === 'wechat_mp') return { signature: wechatSignature([app.token, timestamp, nonce]), timestamp, nonce, echostr };
    const encrypted = new WechatMessageCipher(app.encodingAesKey!, app.appId).encrypt(echostr);
    return { msg_signature: wechatSignature([app.token, timestamp, nonce, encrypted]), timestamp, nonce, echostr: encrypted };
  }

  private app(appId: string): FakeWechatApp {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`the fake knows no app ${appId}`);
    return app;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = (name: string) => url.searchParams.get(name) ?? '';
    const body = await readJson(req);
    switch (url.pathname) {
      case '/cgi-bin/token':
        return this.issue(res, q('appid'), q('secret'));
      case '/cgi-bin/gettoken':
        return this.issue(res, q('corpid'), q('corpsecret'));
      case '/cgi-bin/message/custom/send':
      case '/cgi-bin/kf/send_msg': {
        const appId = this.tokenOwner(res, q('access_token'));
        if (!appId) return;
        if (this.failSends > 0) {
          this.failSends--;
          return send(res, 500, { errcode: -1, errmsg: 'system error' });
        }
        const text = (body.text as { content?: unknown } | undefined)?.content;
        if (typeof body.touser !== 'string' || body.msgtype !== 'text' || typeof text !== 'string') return send(res, 200, { errcode: 44002, errmsg: 'empty post data' });
        this.sends.push({ path: url.pathname, appId, touser: body.touser, openKfId: typeof body.open_kfid === 'string' ? body.open_kfid : null, text });
        return send(res, 200, { errcode: 0, errmsg: 'ok', ...(url.pathname === '/cgi-bin/kf/send_msg' ? { msgid: randomBytes(8).toString('hex') } : {}) });
      }
      case '/cgi-bin/kf/sync_msg': {
        if (!this.tokenOwner(res, q('access_token'))) return;
        const list = this.kfQueue.splice(0, this.kfQueue.length);
        return send(res, 200, { errcode: 0, errmsg: 'ok', next_cursor: randomBytes(4).toString('hex'), has_more: 0, msg_list: list });
      }
      case '/cgi-bin/media/get': {
        if (!this.tokenOwner(res, q('access_token'))) return;
        const data = this.media.get(q('media_id'));
        if (!data) return send(res, 200, { errcode: 40007, errmsg: 'invalid media_id' });
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': data.length });
        res.end(data);
        return;
      }
      default:
        return send(res, 404, { errcode: 404, errmsg: 'not found' });
    }
  }

  private issue(res: ServerResponse, appId: string, secret: string): void {
    this.tokenRequests.push(appId);
    const app = this.apps.get(appId);
    if (!app) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
    if (app.secret !== secret) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const token = `fake-token-${++this.tokenCounter}-${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, { appId, expiresAt: Date.now() + this.tokenLifetime * 1000, revoked: false });
    send(res, 200, { access_token: token, expires_in: this.tokenLifetime });
  }

  /** The app a token was issued to, or null after answering the error WeChat gives. */
  private tokenOwner(res: ServerResponse, token: string): string | null {
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked) {
      send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      return null;
    }
    if (issued.expiresAt <= Date.now()) {
      send(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
      return null;
    }
    return issued.appId;
  }
}

/** WeChat's XML: numbers bare, text in CDATA. */
function xmlMessage(fields: Record<string, string>): string {
  return `<xml>${Object.entries(fields)
    .map(([key, value]) => `<${key}>${/^\d+$/.test(value) ? value : cdata(value)}</${key}>`)
    .join('')}</xml>`;
}

/** A 小程序's JSON mode: numbers (CreateTime, a 64-bit MsgId) as bare JSON numbers, digits as WeChat sends them. */
function jsonMessage(fields: Record<string, string>): string {
  return `{${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${/^\d+$/.test(value) ? value : JSON.stringify(value)}`)
    .join(',')}}`;
}

function send(res: ServerResponse, status: number, json: unknown): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
