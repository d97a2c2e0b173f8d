import { randomUUID } from 'node:crypto';
import { loadTemplate, templateIds, withSharedCommonUtterances } from '@zhida/templates';
import { botConfigFromTemplate } from '../bot/bot-config.js';
import type { BotConfigRepository } from '../bot/bot-config-repository.js';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { ConflictError } from '../errors/app-error.js';
import type { FaqRepository } from '../kb/faq-repository.js';
import { provisionTicketSetup } from '../tickets/ticket-provisioning.js';
import type { UserRepository } from '../users/user-repository.js';
import type { Tenant, TenantRepository } from './tenant-repository.js';
import { installTemplateCannedReplies } from '../handoff/assist/template-canned-replies.js';

export interface NewTenant {
  slug: string;
  name: string;
  template: string;
  users?: { email: string; name: string; role: Role; password: string }[];
}

/**
 * Creates a tenant from an industry template: its bot configuration (intents,
 * with the common intents pooled across templates; flows, knowledge graph), its FAQ, its ticket set-up (categories, groups, calendar, SLA policies) and its first staff. The copy belongs to
 * the tenant and can be edited from then on.
 */
export class TenantProvisioner {
  constructor(
    private readonly deps: { tenants: TenantRepository; users: UserRepository; faqs: FaqRepository; botConfigs: BotConfigRepository; database: { db: Kysely<Database> } },
  ) {}

  async create(input: NewTenant): Promise<Tenant> {
    if (await this.deps.tenants.findBySlug(input.slug)) throw new ConflictError(`Tenant "${input.slug}" already exists`, 'tenant_exists');
    const template = await loadTemplate(input.template);
    // Greeting, thanks, goodbye and human_agent are said alike in every industry: the tenant's copy starts
    // with every template's examples of them (see sharedCommonUtterances; it wins on conflicts).
    const others = await Promise.all(templateIds.filter((id) => id !== template.manifest.id).map(loadTemplate));
    template.intents = withSharedCommonUtterances(template.intents, others.map((o) => o.intents));
    const tenant = await this.deps.tenants.create({ id: randomUUID(), slug: input.slug, name: input.name, industry: template.manifest.id });
    const ctx = { tenantId: tenant.id };
    // Filled in as the new tenant, whoever asked for it (the CLI, demo seeding, a test).
    await TenantScope.asTenant(tenant.id, async () => {
      await this.deps.botConfigs.put(ctx, botConfigFromTemplate(template));
      await this.deps.faqs.createMany(
        ctx,
        template.faqs.map((f) => ({ question: f.question, paraphrases: f.paraphrases, answer: f.answer, category: f.category })),
      );
      for (const u of input.users ?? []) await this.deps.users.create(ctx, u);
      // Tickets: calendar, one group per department, categories, SLA policies.
      await provisionTicketSetup(this.deps.database.db, tenant.id, template.ticketCategories);
      await installTemplateCannedReplies(this.deps.database.db, tenant.id, template.cannedReplies);
    });
    return tenant;
  }
}
