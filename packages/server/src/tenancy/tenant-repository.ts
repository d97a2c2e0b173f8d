import { sql, type Kysely } from 'kysely';
import { SecretBox, SecretBoxError } from '../auth/secret-box.js';
import type { Database, IdentityMode, TenantRow } from '../db/schema.js';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  industry: string;
  identityMode: IdentityMode;
  /** Whether the tenant has an identity secret; the secret itself only comes from `TenantRepository.identitySecret`. */
  identitySecretSet: boolean;
  /** Normalised origins allowed to embed the widget; see widget/allowed-origin.ts. */
  widgetAllowedOrigins: string[];
  /** Every staff user must use MFA (TOTP); see auth/mfa-service.ts. */
  mfaRequired: boolean;
  settings: Record<string, unknown>;
}

/**
 * Tenants. The widget identity secret is stored sealed by the SecretBox, bound
 * to the tenant id, so a database dump does not give away the HMAC key and a
 * value copied into another tenant's row does not open. A value without the
 * `v1:` prefix is plaintext written before that (or by a writer without the
 * key); it still works and is sealed in place the next time it is used.
 */
export class TenantRepository {
  /**
   * `secrets` is null only where no identity secret is read or written (the
   * CLI's tenant and API-key commands, test fixtures); a keyless repository
   * would write plaintext, which the server seals at its first use.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: SecretBox | null = null,
  ) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toTenant(row);
  }

  async findById(id: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTenant(row);
  }

  async create(input: { id: string; slug: string; name: string; industry: string; identityMode?: IdentityMode; identitySecret?: string | null }): Promise<Tenant> {
    const secret = input.identitySecret ?? null;
    const row = await this.db
      .insertInto('tenants')
      .values({
        id: input.id,
        slug: input.slug,
        name: input.name,
        industry: input.industry,
        identity_mode: input.identityMode ?? 'off',
        identity_secret: secret === null ? null : this.seal(input.id, secret),
        settings: '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTenant(row);
  }

  async setIdentityVerification(id: string, mode: IdentityMode, secret: string | null): Promise<void> {
    await this.db
      .updateTable('tenants')
      .set({ identity_mode: mode, identity_secret: secret === null ? null : this.seal(id, secret) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The tenant's identity secret in plaintext (the HMAC key), or null when it
   * has none. Throws SecretBoxError when the stored value does not open (wrong
   * key, tampered row, a value copied from another tenant): a server fault,
   * never a failed verification.
   */
  async identitySecret(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('tenants').select('identity_secret').where('id', '=', id).executeTakeFirst();
    const stored = row?.identity_secret ?? null;
    return stored === null ? null : this.open(id, stored);
  }

  /**
   * Sets the identity mode and, when the tenant has no secret yet and a
   * candidate is given, stores the candidate, in one statement, so two
   * concurrent switches cannot each hand out a different secret. Returns the
   * secret now stored, in plaintext.
   */
  async setIdentityMode(id: string, mode: IdentityMode, secretIfNone: string | null): Promise<string | null> {
    const candidate = secretIfNone === null ? null : this.seal(id, secretIfNone);
    const row = await this.db
      .updateTable('tenants')
      .set({ identity_mode: mode, identity_secret: sql<string | null>`coalesce(identity_secret, cast(${candidate} as text))` })
      .where('id', '=', id)
      .returning('identity_secret')
      .executeTakeFirst();
    // Sealing is randomized: what the statement kept is the answer, whether it is our candidate or a concurrent caller's.
    const stored = row?.identity_secret ?? null;
    return stored === null ? null : this.open(id, stored);
  }

  /** Replaces the identity secret, keeping the mode. */
  async setIdentitySecret(id: string, secret: string): Promise<void> {
    await this.db.updateTable('tenants').set({ identity_secret: this.seal(id, secret) }).where('id', '=', id).execute();
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

  /** Seals an identity secret for this tenant's row; without a box it stays plaintext, to be sealed at first use. */
  private seal(tenantId: string, secret: string): string {
    return this.secrets ? this.secrets.seal(secret, identitySecretContext(tenantId)) : secret;
  }

  /**
   * The plaintext of a stored identity secret. A legacy plaintext value, or one sealed with a key being
   * rotated out, is sealed again with the current key in place, only over that same value.
   */
  private async open(tenantId: string, stored: string): Promise<string> {
    if (!this.secrets) {
      if (SecretBox.isSealed(stored)) throw new SecretBoxError('secret_box_key_invalid', 'No key to open the sealed identity secret');
      return stored;
    }
    const { plaintext, stale } = this.secrets.read(stored, identitySecretContext(tenantId));
    if (stale) {
      // Compare-and-set: a secret replaced meanwhile is not overwritten with the old one.
      await this.db
        .updateTable('tenants')
        .set({ identity_secret: this.secrets.seal(plaintext, identitySecretContext(tenantId)) })
        .where('id', '=', tenantId)
        .where('identity_secret', '=', stored)
        .execute();
    }
    return plaintext;
  }
}

/** What a tenant's sealed identity secret is bound to. */
export function identitySecretContext(tenantId: string): string {
  return `tenants.identity_secret:${tenantId}`;
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    industry: row.industry,
    identityMode: row.identity_mode,
    identitySecretSet: row.identity_secret !== null,
    widgetAllowedOrigins: row.widget_allowed_origins,
    mfaRequired: row.mfa_required,
    settings: row.settings,
  };
}
