import { sql, type Kysely } from 'kysely';

// WeChat (#15): each tenant's 公众号 / 小程序 / 企业微信客服 accounts (secrets sealed by the app's SecretBox;
// the access token is cached here so every node shares one and a restart keeps it), the WeChat users
// (openid → visitor and conversation, the last message time for the 48-hour window, how far the bot's and
// agents' replies have been delivered), the callback nonces seen (replay protection) and the message ids
// accepted (WeChat retries a callback three times).
const TENANT = 'tenant_id uuid not null references tenants(id) on delete cascade';

const tables = ['wechat_accounts', 'wechat_users', 'wechat_callback_nonces', 'wechat_inbound_messages'];

const statements = [
  `create table wechat_accounts (
    id uuid primary key, ${TENANT},
    kind text not null check (kind in ('wechat_mp', 'wechat_mini', 'wecom_kf')),
    name text not null check (char_length(name) between 1 and 100),
    app_id text not null,
    secret_sealed text not null,
    token_sealed text not null,
    aes_key_sealed text,
    api_base_url text not null,
    active boolean not null default true,
    access_token_sealed text,
    access_token_expires_at timestamptz,
    kf_cursor text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  `create index wechat_accounts_tenant on wechat_accounts (tenant_id, created_at)`,
  `create table wechat_users (
    id uuid primary key, ${TENANT},
    account_id uuid not null references wechat_accounts(id) on delete cascade,
    openid text not null,
    open_kfid text,
    visitor_id uuid not null,
    conversation_id uuid not null references conversations(id) on delete cascade,
    last_inbound_at timestamptz not null,
    delivered_seq integer not null default 0,
    delivery_attempts integer not null default 0,
    next_delivery_at timestamptz,
    delivery_locked_until timestamptz,
    last_delivery_error text,
    created_at timestamptz not null default now())`,
  `create unique index wechat_users_openid on wechat_users (account_id, openid)`,
  `create index wechat_users_conversation on wechat_users (tenant_id, conversation_id)`,
  `create table wechat_callback_nonces (
    ${TENANT},
    account_id uuid not null references wechat_accounts(id) on delete cascade,
    nonce text not null,
    created_at timestamptz not null default now(),
    primary key (account_id, nonce))`,
  `create index wechat_callback_nonces_age on wechat_callback_nonces (tenant_id, created_at)`,
  `create table wechat_inbound_messages (
    ${TENANT},
    account_id uuid not null references wechat_accounts(id) on delete cascade,
    msg_key text not null,
    created_at timestamptz not null default now(),
    primary key (account_id, msg_key))`,
  `create index wechat_inbound_messages_age on wechat_inbound_messages (tenant_id, created_at)`,
];

const ALLOWED = "current_setting('zhida.all_tenants', true) = 'on' or tenant_id = nullif(current_setting('zhida.tenant_id', true), '')::uuid";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const table of tables) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql.raw(`alter table ${table} force row level security`).execute(db);
    await sql.raw(`create policy tenant_isolation on ${table} using (${ALLOWED}) with check (${ALLOWED})`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...tables].reverse()) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
}
