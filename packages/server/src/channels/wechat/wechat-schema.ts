import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type WechatAccountKind = 'wechat_mp' | 'wechat_mini' | 'wecom_kf';

/** A tenant's 公众号, 小程序 or 企业微信客服 (migration 0024); every secret column holds a SecretBox value. */
export interface WechatAccountsTable {
  id: string;
  tenant_id: string;
  kind: WechatAccountKind;
  name: string;
  /** AppID (公众号 / 小程序) or CorpID (企业微信). */
  app_id: string;
  secret_sealed: string;
  token_sealed: string;
  /** Null: plaintext mode (公众号 only); 企业微信 always encrypts. */
  aes_key_sealed: string | null;
  api_base_url: string;
  active: Generated<boolean>;
  access_token_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  access_token_expires_at: NullableTimestamp;
  /** 企业微信客服: where `kf/sync_msg` stopped. */
  kf_cursor: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** One WeChat user of one account: their visitor, conversation, 48-hour window and delivery progress. */
export interface WechatUsersTable {
  id: string;
  tenant_id: string;
  account_id: string;
  openid: string;
  /** 企业微信客服: the 客服账号 the user wrote to (replies go out from it). */
  open_kfid: string | null;
  visitor_id: string;
  conversation_id: string;
  last_inbound_at: ColumnType<Date, Date | string, Date | string>;
  /** The conversation's messages up to this seq have been sent to WeChat (or were not the user's to receive). */
  delivered_seq: Generated<number>;
  delivery_attempts: Generated<number>;
  next_delivery_at: NullableTimestamp;
  delivery_locked_until: NullableTimestamp;
  last_delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface WechatCallbackNoncesTable {
  tenant_id: string;
  account_id: string;
  nonce: string;
  created_at: CreatedAt;
}

export interface WechatInboundMessagesTable {
  tenant_id: string;
  account_id: string;
  /** MsgId, or FromUserName+CreateTime+Event for events (WeChat's own dedupe advice). */
  msg_key: string;
  created_at: CreatedAt;
}

export interface WechatTables {
  wechat_accounts: WechatAccountsTable;
  wechat_users: WechatUsersTable;
  wechat_callback_nonces: WechatCallbackNoncesTable;
  wechat_inbound_messages: WechatInboundMessagesTable;
}

export type WechatDb = Kysely<Database & WechatTables>;

/** Widens the app's handle to include the WeChat tables. */
export function wechatDatabase(db: Kysely<Database>): WechatDb {
  return db as unknown as WechatDb;
}
