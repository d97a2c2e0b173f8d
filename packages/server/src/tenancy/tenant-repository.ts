import { sql, type Kysely } from 'kysely';
import type { Database, IdentityMode, TenantRow } from '../db/schema.js';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  industry: string;
  identityMode: IdentityMode;
  identitySecret: string | null;
  /** Normalised origins allowed to embed the widget; see widget/allowed-origin.ts. */
  widgetAllowedOrigins: string[];
  /** Every staff user must use MFA (TOTP); see auth/mfa-service.ts. */
  mfaRequired: boolean;
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

  /**
   * Sets the identity mode and, when the tenant has no secret yet and a
   * candidate is given, stores the candidate, in one statement, so two
   * concurrent switches cannot each hand out a different secret. Returns the
   * secret now stored.
   */
  async setIdentityMode(id: string, mode: IdentityMode, secretIfNone: string | null): Promise<string | null> {
    const row = await this.db
      .updateTable('tenants')
      .set({ identity_mode: mode, identity_secret: sql<string | null>`coalesce(identity_secret, cast(${secretIfNone} as text))` })
      .where('id', '=', id)
      .returning('identity_secret')
      .executeTakeFirst();
    return row?.identity_secret ?? null;
  }

  /** Replaces the identity secret, keeping the mode. */
  async setIdentitySecret(id: string, secret: string): Promise<void> {
    await this.db.updateTable('tenants').set({ identity_secret: secret }).where('id', '=', id).execute();
  }

  /** Replaces the widget's allowed origins; the caller passes them already normalised. */
  async setWidgetAllowedOrigins(id: string, origins: readonly string[]): Promise<void> {
    // An array literal built from bound values works the same on PGlite and node-postgres.
    const value = origins.length === 0 ? sql<string[]>`'{}'::text[]` : sql<string[]>`array[${sql.join(origins)}]::text[]`;
    await this.db.updateTable('tenants').set({ widget_allowed_origins: value }).where('id', '=', id).execute();
  }

  async setMfaRequired(id: string, required: boolean): Promise<void> {
    await this.db.updateTable('tenants').set({ mfa_required: required }).where('id', '=', id).execute();
  }

  /** Whether any tenant lists one of these allowlist entries (an exact origin or its wildcard forms). */
  async anyAllowsOneOf(entries: readonly string[]): Promise<boolean> {
    if (entries.length === 0) return false;
    const row = await this.db
      .selectFrom('tenants')
      .select('id')
      .where(sql<boolean>`exists (select 1 from unnest(widget_allowed_origins) as o(entry) where o.entry in (${sql.join(entries)}))`)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
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
    widgetAllowedOrigins: row.widget_allowed_origins,
    mfaRequired: row.mfa_required,
    settings: row.settings,
  };
}
