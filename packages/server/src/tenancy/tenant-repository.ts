import type { Kysely } from 'kysely';
import type { Database, IdentityMode, TenantRow } from '../db/schema.js';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  industry: string;
  identityMode: IdentityMode;
  identitySecret: string | null;
  settings: Record<string, unknown>;
}

export class TenantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toTenant(row);
  }

  async findById(id: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTenant(row);
  }

  async create(input: { id: string; slug: string; name: string; industry: string; identityMode?: IdentityMode; identitySecret?: string | null }): Promise<Tenant> {
    const row = await this.db
      .insertInto('tenants')
      .values({
        id: input.id,
        slug: input.slug,
        name: input.name,
        industry: input.industry,
        identity_mode: input.identityMode ?? 'off',
        identity_secret: input.identitySecret ?? null,
        settings: '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTenant(row);
  }

  async setIdentityVerification(id: string, mode: IdentityMode, secret: string | null): Promise<void> {
    await this.db.updateTable('tenants').set({ identity_mode: mode, identity_secret: secret }).where('id', '=', id).execute();
  }
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    industry: row.industry,
    identityMode: row.identity_mode,
    identitySecret: row.identity_secret,
    settings: row.settings,
  };
}
