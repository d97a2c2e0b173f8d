import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { SecretBox } from '../../auth/secret-box.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { DEFAULT_API_BASE_URL, type CreateWechatAccountBody, type UpdateWechatAccountBody, type WechatAccountDto } from './wechat-account-dto.js';
import type { WechatAccountKind, WechatAccountsTable, WechatDb } from './wechat-schema.js';

/** An account with its secrets opened, for the callback and the senders (never leaves the server). */
export interface WechatAccount {
  id: string;
  tenantId: string;
  kind: WechatAccountKind;
  appId: string;
  apiBaseUrl: string;
  active: boolean;
  secret: string;
  token: string;
  encodingAesKey: string | null;
  kfCursor: string | null;
}

type Row = Selectable<WechatAccountsTable>;

/** Each secret is sealed bound to its account and column, so a value copied into another row does not open. */
export function wechatSecretContext(accountId: string, column: 'secret' | 'token' | 'aes_key' | 'access_token'): string {
  return `wechat_accounts:${accountId}:${column}`;
}

/** The tenant's WeChat accounts; secrets sealed with the app's SecretBox and never returned. */
export class WechatAccountRepository {
  constructor(
    private readonly db: WechatDb,
    private readonly secrets: SecretBox,
  ) {}

  async list(ctx: TenantContext): Promise<WechatAccountDto[]> {
    const rows = await this.db.selectFrom('wechat_accounts').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at').execute();
    return rows.map(toDto);
  }

  async create(ctx: TenantContext, body: CreateWechatAccountBody): Promise<WechatAccountDto> {
    const id = randomUUID();
    const row = await this.db
      .insertInto('wechat_accounts')
      .values({
        id,
        tenant_id: ctx.tenantId,
        kind: body.kind,
        name: body.name,
        app_id: body.appId,
        secret_sealed: this.secrets.seal(body.secret, wechatSecretContext(id, 'secret')),
        token_sealed: this.secrets.seal(body.token, wechatSecretContext(id, 'token')),
        aes_key_sealed: body.encodingAesKey ? this.secrets.seal(body.encodingAesKey, wechatSecretContext(id, 'aes_key')) : null,
        api_base_url: body.apiBaseUrl ?? DEFAULT_API_BASE_URL[body.kind],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDto(row);
  }

  async update(ctx: TenantContext, id: string, body: UpdateWechatAccountBody): Promise<WechatAccountDto> {
    const current = await this.row(ctx, id);
    if (body.encodingAesKey === null && current.kind === 'wecom_kf') body = { ...body, encodingAesKey: undefined };
    const credentialsChanged = body.appId !== undefined || body.secret !== undefined || body.apiBaseUrl !== undefined;
    const row = await this.db
      .updateTable('wechat_accounts')
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.appId !== undefined ? { app_id: body.appId } : {}),
        ...(body.secret !== undefined ? { secret_sealed: this.secrets.seal(body.secret, wechatSecretContext(id, 'secret')) } : {}),
        ...(body.token !== undefined ? { token_sealed: this.secrets.seal(body.token, wechatSecretContext(id, 'token')) } : {}),
        ...(body.encodingAesKey !== undefined ? { aes_key_sealed: body.encodingAesKey === null ? null : this.secrets.seal(body.encodingAesKey, wechatSecretContext(id, 'aes_key')) } : {}),
        ...(body.apiBaseUrl !== undefined ? { api_base_url: body.apiBaseUrl } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        // A token of the old credentials must not be used with the new ones.
        ...(credentialsChanged ? { access_token_sealed: null, access_token_expires_at: null } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDto(row);
  }

  async remove(ctx: TenantContext, id: string): Promise<void> {
    const result = await this.db.deleteFrom('wechat_accounts').where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError('WeChat account');
  }

  /** The tenant owning an account id, looked up across tenants: the callback URL is all WeChat tells us. */
  async tenantOf(accountId: string): Promise<string | null> {
    const row = await this.db.selectFrom('wechat_accounts').select('tenant_id').where('id', '=', accountId).executeTakeFirst();
    return row?.tenant_id ?? null;
  }

  /** The account with its secrets opened; NotFoundError for an unknown id or another tenant's. */
  async open(ctx: TenantContext, id: string): Promise<WechatAccount> {
    const row = await this.row(ctx, id);
    return {
      id: row.id,
      tenantId: row.tenant_id,
      kind: row.kind,
      appId: row.app_id,
      apiBaseUrl: row.api_base_url,
      active: row.active,
      secret: this.secrets.open(row.secret_sealed, wechatSecretContext(id, 'secret')),
      token: this.secrets.open(row.token_sealed, wechatSecretContext(id, 'token')),
      encodingAesKey: row.aes_key_sealed ? this.secrets.open(row.aes_key_sealed, wechatSecretContext(id, 'aes_key')) : null,
      kfCursor: row.kf_cursor,
    };
  }

  /** The cached access token while it is good until at least `validUntil`. */
  async cachedToken(ctx: TenantContext, id: string, validUntil: Date): Promise<string | null> {
    const row = await this.db
      .selectFrom('wechat_accounts')
      .select(['access_token_sealed', 'access_token_expires_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row?.access_token_sealed || !row.access_token_expires_at || new Date(row.access_token_expires_at) <= validUntil) return null;
    return this.secrets.open(row.access_token_sealed, wechatSecretContext(id, 'access_token'));
  }

  async storeToken(ctx: TenantContext, id: string, token: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('wechat_accounts')
      .set({ access_token_sealed: this.secrets.seal(token, wechatSecretContext(id, 'access_token')), access_token_expires_at: expiresAt })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
  }

  /** Forgets a token WeChat called invalid, unless another node already replaced it. */
  async dropToken(ctx: TenantContext, id: string, token: string): Promise<void> {
    const current = await this.cachedToken(ctx, id, new Date(0));
    if (current !== token) return;
    await this.db.updateTable('wechat_accounts').set({ access_token_sealed: null, access_token_expires_at: null }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  }

  async setKfCursor(ctx: TenantContext, id: string, cursor: string | null): Promise<void> {
    await this.db.updateTable('wechat_accounts').set({ kf_cursor: cursor }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  }

  private async row(ctx: TenantContext, id: string): Promise<Row> {
    const row = await this.db.selectFrom('wechat_accounts').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('WeChat account');
    return row;
  }
}

function toDto(row: Row): WechatAccountDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    appId: row.app_id,
    apiBaseUrl: row.api_base_url,
    active: row.active,
    hasSecret: row.secret_sealed !== '',
    hasToken: row.token_sealed !== '',
    encrypted: row.aes_key_sealed !== null,
    callbackPath: `/api/v1/channels/wechat/${row.id}/callback`,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
