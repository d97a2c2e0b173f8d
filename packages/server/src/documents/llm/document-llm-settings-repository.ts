import { sql, type Kysely } from 'kysely';
import type { SecretBox } from '../../auth/secret-box.js';
import type { Database } from '../../db/schema.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { TenantContext } from '../../tenancy/tenant-context.js';
import { storedDocumentLlmSchema, type DocumentLlmEndpoint, type StoredDocumentLlm } from './document-llm-settings.js';

/** The tenant's documents LLM and "mainland providers only" switch, kept in `tenants.settings` (no table of their own). */
export class DocumentLlmSettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secrets: SecretBox,
  ) {}

  async get(ctx: TenantContext): Promise<{ llm: StoredDocumentLlm; mainlandProvidersOnly: boolean }> {
    const row = await this.db.selectFrom('tenants').select('settings').where('id', '=', ctx.tenantId).executeTakeFirst();
    if (!row) throw new NotFoundError('Tenant');
    const settings = row.settings ?? {};
    const parsed = storedDocumentLlmSchema.safeParse(settings.documentLlm ?? {});
    // Cross-border transfer is off unless an admin switched it on (SECURITY.md check 44).
    return { llm: parsed.success ? parsed.data : storedDocumentLlmSchema.parse({}), mainlandProvidersOnly: settings.mainlandProvidersOnly !== false };
  }

  async put(ctx: TenantContext, llm: StoredDocumentLlm, mainlandProvidersOnly: boolean): Promise<void> {
    const patch = JSON.stringify({ documentLlm: llm, mainlandProvidersOnly });
    // Merged into the settings object, so other modules' keys stay as they are.
    await this.db
      .updateTable('tenants')
      .set({ settings: sql`coalesce(settings, '{}'::jsonb) || ${patch}::jsonb` as unknown as string })
      .where('id', '=', ctx.tenantId)
      .execute();
  }

  seal(ctx: TenantContext, apiKey: string): string {
    return this.secrets.seal(apiKey, keyContext(ctx));
  }

  /** The endpoint to call, or null when the LLM is off or not fully configured. */
  async endpoint(ctx: TenantContext): Promise<(DocumentLlmEndpoint & { mainlandProvidersOnly: boolean }) | null> {
    const { llm, mainlandProvidersOnly } = await this.get(ctx);
    if (!llm.enabled || !llm.baseUrl || !llm.model) return null;
    return { baseUrl: llm.baseUrl, model: llm.model, apiKey: llm.apiKey ? this.secrets.open(llm.apiKey, keyContext(ctx)) : null, mainlandProvidersOnly };
  }
}

function keyContext(ctx: TenantContext): string {
  return `document-llm:${ctx.tenantId}`;
}
