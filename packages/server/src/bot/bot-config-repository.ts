import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantContext } from '../tenancy/tenant-context.js';
import { botConfigSchema, type BotConfig } from './bot-config.js';

/** Stores a tenant's bot configuration; a change bumps the tenant's training-data version. */
export class BotConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(ctx: TenantContext): Promise<BotConfig | null> {
    const row = await this.db.selectFrom('bot_configs').select('config').where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
    if (!row) return null;
    const parsed = botConfigSchema.safeParse(row.config);
    return parsed.success ? parsed.data : null;
  }

  async put(ctx: TenantContext, config: BotConfig): Promise<void> {
    const json = JSON.stringify(botConfigSchema.parse(config));
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bot_configs')
        .values({ tenant_id: ctx.tenantId, template_id: config.templateId, config: json })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ template_id: config.templateId, config: json, updated_at: new Date() }))
        .execute();
      await trx.updateTable('tenants').set((eb) => ({ kb_version: eb('kb_version', '+', 1) })).where('id', '=', ctx.tenantId).execute();
    });
  }
}
