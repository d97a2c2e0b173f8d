import { sql, type Kysely } from 'kysely';
import type { SecretBox } from '../auth/secret-box.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/app-error.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { storedVoiceSchema, type StoredVoiceSettings } from './voice-settings.js';

/** The tenant's speech providers, kept in `tenants.settings.voice` (no table of their own). */
export class VoiceSettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: SecretBox,
  ) {}

  async get(ctx: TenantContext): Promise<{ voice: StoredVoiceSettings; mainlandProvidersOnly: boolean }> {
    const row = await this.db.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirst();
    if (!row) throw new NotFoundError('Tenant');
    const settings = row.settings ?? {};
    const parsed = storedVoiceSchema.safeParse(settings.voice ?? {});
    return { voice: parsed.success ? parsed.data : storedVoiceSchema.parse({}), mainlandProvidersOnly: settings.mainlandProvidersOnly !== false };
  }

  async put(ctx: TenantContext, voice: StoredVoiceSettings): Promise<void> {
    const patch = JSON.stringify({ voice });
    // Merged into the settings object, so other modules' keys stay as they are.
    await this.db
      .updateTable('tenants')
      .set({ settings: sql`coalesce(settings, '{}'::jsonb) || ${patch}::jsonb` as unknown as string })
      .where('id', '=', ctx.tenantId)
      .execute();
  }

  seal(ctx: TenantContext, secret: string): string {
    return this.secrets.seal(secret, keyContext(ctx));
  }

  open(ctx: TenantContext, sealed: string): string {
    return this.secrets.open(sealed, keyContext(ctx));
  }
}

function keyContext(ctx: TenantContext): string {
  return `voice:${ctx.tenantId}`;
}
