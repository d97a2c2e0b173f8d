import type { TenantContext } from '../../tenancy/tenant-context.js';
import { NotFoundError } from '../../errors/app-error.js';
import { TenantScope } from '../../db/tenant-scope.js';
import type { WechatAccount, WechatAccountRepository } from './wechat-account-repository.js';
import { WechatMalformedCallbackError, WechatReplayError, WechatSignatureError } from './wechat-callback-errors.js';
import { inboundOfCallback } from './wechat-inbound-event.js';
import type { InboundOutcome, WechatInbound } from './wechat-inbound.js';
import { WechatCipherError, WechatMessageCipher } from './wechat-message-cipher.js';
import type { WechatDb } from './wechat-schema.js';
import { signatureMatches, wechatSignature } from './wechat-signature.js';
import { parseWechatJson, WechatJsonError } from './wechat-json.js';
import { parseWechatXml, WechatXmlError } from './wechat-xml.js';

/** How far a callback's timestamp may be from our clock; beyond it the callback counts as a replay. */
export const CALLBACK_WINDOW_MS = 5 * 60 * 1000;

export interface CallbackQuery {
  signature?: string | undefined;
  msg_signature?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  echostr?: string | undefined;
}

/**
 * The WeChat callback endpoint's logic: URL verification (GET) and messages (POST), each checked
 * before anything is stored — signature (sha1 of the sorted Token, timestamp, nonce and, encrypted,
 * the ciphertext), timestamp window, AES decryption, then the nonce (a nonce seen before is a replay).
 */
export class WechatCallback {
  constructor(
    private readonly db: WechatDb,
    private readonly accounts: WechatAccountRepository,
    private readonly inbound: WechatInbound,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The account behind a callback URL, in its tenant's scope; 404 for an unknown or paused one. */
  async withAccount<T>(accountId: string, fn: (ctx: TenantContext, account: WechatAccount) => Promise<T>): Promise<T> {
    const tenantId = await TenantScope.asSystem(() => this.accounts.tenantOf(accountId));
    if (!tenantId) throw new NotFoundError('WeChat account');
    return TenantScope.asTenant(tenantId, async () => {
      const ctx = { tenantId };
      const account = await this.accounts.open(ctx, accountId);
      if (!account.active) throw new NotFoundError('WeChat account');
      return fn(ctx, account);
    });
  }

  /** GET: WeChat checks the URL; the answer is the echostr (企业微信: decrypted). */
  verifyUrl(account: WechatAccount, query: CallbackQuery): string {
    const { timestamp, nonce, echostr } = required(query, ['timestamp', 'nonce', 'echostr']);
    this.checkTime(timestamp);
    if (account.kind === 'wecom_kf') {
      this.checkSignature(query.msg_signature, [account.token, timestamp, nonce, echostr]);
      return this.decrypt(account, echostr);
    }
    this.checkSignature(query.signature, [account.token, timestamp, nonce]);
    return echostr;
  }

  /** POST: a message or event. Returns what to run after WeChat has had its `success`. */
  /** `body` is the XML text, or the JSON text of a 小程序 whose message push is set to JSON. */
  async receive(ctx: TenantContext, account: WechatAccount, query: CallbackQuery, body: string): Promise<InboundOutcome> {
    const { timestamp, nonce } = required(query, ['timestamp', 'nonce']);
    const outer = fieldsOf(body);
    let fields: Record<string, string>;
    if (outer.Encrypt !== undefined) {
      if (!account.encodingAesKey) throw new WechatMalformedCallbackError('This account is in plaintext mode but the callback is encrypted');
      this.checkSignature(query.msg_signature, [account.token, timestamp, nonce, outer.Encrypt]);
      this.checkTime(timestamp);
      // The plaintext is in the format of the envelope (JSON in, JSON inside).
      fields = fieldsOf(this.decrypt(account, outer.Encrypt));
    } else {
      // An account with an EncodingAESKey takes only encrypted callbacks (安全模式).
      if (account.encodingAesKey) throw new WechatMalformedCallbackError('This account is in encrypted mode but the callback is plaintext');
      this.checkSignature(query.signature, [account.token, timestamp, nonce]);
      this.checkTime(timestamp);
      fields = outer;
    }
    await this.useNonce(ctx, account.id, nonce);
    const event = inboundOfCallback(fields);
    if (!event) return { later: null };
    return this.inbound.handle(ctx, account, event);
  }

  /** Forgets nonces older than the window (the timestamp check refuses those callbacks anyway). */
  async forgetOldNonces(ctx: TenantContext): Promise<void> {
    const before = new Date(this.now().getTime() - 2 * CALLBACK_WINDOW_MS);
    await this.db.deleteFrom('wechat_callback_nonces').where('tenant_id', '=', ctx.tenantId).where('created_at', '<', before).execute();
    await this.db.deleteFrom('wechat_inbound_messages').where('tenant_id', '=', ctx.tenantId).where('created_at', '<', new Date(this.now().getTime() - 24 * 60 * 60 * 1000)).execute();
  }

  private decrypt(account: WechatAccount, text: string): string {
    if (!account.encodingAesKey) throw new WechatMalformedCallbackError('This account has no EncodingAESKey');
    try {
      return new WechatMessageCipher(account.encodingAesKey, account.appId).decrypt(text);
    } catch (err) {
      if (err instanceof WechatCipherError) throw new WechatMalformedCallbackError(`The encrypted message does not open: ${err.message}`, 'wechat_bad_ciphertext');
      throw err;
    }
  }

  private checkSignature(received: string | undefined, parts: string[]): void {
    if (!received || !signatureMatches(wechatSignature(parts), received)) throw new WechatSignatureError();
  }

  private checkTime(timestamp: string): void {
    const seconds = Number(timestamp);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(this.now().getTime() - seconds * 1000) > CALLBACK_WINDOW_MS) {
      throw new WechatReplayError('The callback timestamp is outside the accepted window');
    }
  }

  private async useNonce(ctx: TenantContext, accountId: string, nonce: string): Promise<void> {
    const row = await this.db
      .insertInto('wechat_callback_nonces')
      .values({ tenant_id: ctx.tenantId, account_id: accountId, nonce })
      .onConflict((oc) => oc.columns(['account_id', 'nonce']).doNothing())
      .returning('nonce')
      .executeTakeFirst();
    if (!row) throw new WechatReplayError('This callback nonce was seen before');
  }
}

/** A callback's fields, whichever format the account's message push uses: XML (公众号, 企业微信, 小程序 by default) or JSON (小程序). */
function fieldsOf(body: string): Record<string, string> {
  if (body.trimStart().startsWith('{')) {
    try {
      return parseWechatJson(body);
    } catch (err) {
      if (err instanceof WechatJsonError) throw new WechatMalformedCallbackError(`Not a WeChat JSON message: ${err.message}`, 'wechat_bad_json');
      throw err;
    }
  }
  try {
    return parseWechatXml(body);
  } catch (err) {
    if (err instanceof WechatXmlError) throw new WechatMalformedCallbackError(`Not a WeChat XML message: ${err.message}`, 'wechat_bad_xml');
    throw err;
  }
}

function required<K extends keyof CallbackQuery>(query: CallbackQuery, keys: K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = query[key];
    if (typeof value !== 'string' || value === '') throw new WechatMalformedCallbackError(`The query parameter ${key} is missing`);
    out[key] = value;
  }
  return out;
}
