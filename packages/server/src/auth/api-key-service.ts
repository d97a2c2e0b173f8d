import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import type { Principal } from './principal.js';
import { hashToken, newSecretToken } from './secret-token.js';

export interface ApiKeyDto {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_PREFIX = 'zk_';

/** Per-tenant server-to-server keys: shown once, stored as SHA-256, revocable, acting with one role. */
export class ApiKeyService {
  constructor(private readonly db: Kysely<Database>) {}

  static looksLikeApiKey(token: string): boolean {
    return token.startsWith(KEY_PREFIX);
  }

  async create(ctx: TenantContext, input: { name: string; role: Role }): Promise<{ apiKey: ApiKeyDto; secret: string }> {
    const { token, hash } = newSecretToken(KEY_PREFIX);
    const row = await this.db
      .insertInto('api_keys')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, name: input.name, role: input.role, prefix: token.slice(0, 10), key_hash: hash, revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { apiKey: toDto(row), secret: token };
  }

  async list(ctx: TenantContext): Promise<ApiKeyDto[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at', 'desc').execute();
    return rows.map(toDto);
  }

  async revoke(ctx: TenantContext, id: string): Promise<void> {
    const res = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('API key');
  }

  async resolve(token: string): Promise<Extract<Principal, { kind: 'api_key' }> | null> {
    // Across tenants: the key is what tells whose it is.
    const row = await TenantScope.asSystem(() =>
      this.db.selectFrom('api_keys').select(['id', 'tenant_id', 'role']).where('key_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst(),
    );
    return row ? { kind: 'api_key', tenantId: row.tenant_id, keyId: row.id, role: row.role } : null;
  }
}

function toDto(row: { id: string; name: string; role: Role; prefix: string; created_at: Date; revoked_at: Date | null }): ApiKeyDto {
  return { id: row.id, name: row.name, role: row.role, prefix: row.prefix, createdAt: row.created_at.toISOString(), revokedAt: row.revoked_at?.toISOString() ?? null };
}
