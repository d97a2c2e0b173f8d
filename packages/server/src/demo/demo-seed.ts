import { loadTemplate } from '@zhida/templates';
import type { FastifyBaseLogger } from 'fastify';
import { TenantScope } from '../db/tenant-scope.js';
import type { ZhidaServices } from '../http/build-app.js';
import { seedDemoEnterprise } from '../selfservice/demo/seed-demo-enterprise.js';
import { TenantProvisioner } from '../tenancy/tenant-provisioner.js';
import { DEMO_PASSWORD, demoTenants, demoUsers } from './demo-tenants.js';
import { seedDemoAnalyticsHistory } from './demo-analytics-history.js';
import { seedDemoChatDesk } from './demo-chat-desk.js';
import { seedDemoTicketDesk, seedDemoTickets } from './demo-tickets.js';

export interface SeededTenant {
  slug: string;
  name: string;
  faqCount: number;
}

/**
 * Creates the four demo tenants from their industry templates, with staff, on
 * first start. Idempotent: an existing tenant is left as it is (edits kept).
 */
export async function seedDemo(services: ZhidaServices, log: FastifyBaseLogger): Promise<SeededTenant[]> {
  const provisioner = new TenantProvisioner(services);
  const seeded: SeededTenant[] = [];
  for (const demo of demoTenants) {
    let tenant = await services.tenants.findBySlug(demo.slug);
    if (!tenant) {
      try {
        tenant = await provisioner.create({
          slug: demo.slug,
          name: demo.name,
          template: demo.template,
          users: demoUsers.map((u) => ({ ...u, password: DEMO_PASSWORD })),
        });
      } catch (err) {
        log.warn({ template: demo.template, err: (err as Error).message }, 'demo tenant not created');
        continue;
      }
    }
    // The demo enterprise backend (orders, accounts, slots, bills) behind the self-service flows.
    await seedDemoEnterprise(services.database.db, tenant.id, demo.template);
    // The ticket desk: categories, groups with the demo agents, calendar and SLA policies (sample tickets: seedDemoSampleTickets).
    const template = await loadTemplate(demo.template);
    await seedDemoTicketDesk(services.database.db, tenant.id, template.ticketCategories);
    // The chat desk on top: agents with skills and capacities, the groups' chat routing, canned replies.
    await seedDemoChatDesk(services.database.db, services.users, tenant.id, demo.template, template.cannedReplies, DEMO_PASSWORD);
    // Its ticket classifier trains in the background now rather than in the first visitor's submission.
    services.ticketClassifier.warm(tenant.id);
    const ctx = { tenantId: tenant.id };
    seeded.push({ slug: demo.slug, name: tenant.name, faqCount: (await TenantScope.asTenant(ctx.tenantId, () => services.faqs.list(ctx))).length });
  }
  return seeded;
}

/**
 * A few tickets in different states on each demo tenant's desk, once (a tenant with tickets keeps
 * them). Filing them waits for the tenant's ticket classifier to train, so `main.ts` runs this after
 * the server listens; a failure is logged and the platform carries on.
 */
export async function seedDemoSampleTickets(services: ZhidaServices, log: FastifyBaseLogger): Promise<void> {
  for (const demo of demoTenants) {
    const tenant = await services.tenants.findBySlug(demo.slug);
    if (!tenant) continue;
    try {
      await seedDemoTickets(services.database.db, services.tickets, tenant.id, demo.template, (await loadTemplate(demo.template)).ticketCategories);
    } catch (err) {
      log.warn({ tenant: demo.slug, err: (err as Error).message }, 'demo tickets not seeded');
    }
  }
}

/**
 * A month of dashboard history for each demo tenant (once; see demo-analytics-history.ts), in the
 * background after the server listens: the 数据看板 fills within seconds of the start.
 */
export async function seedDemoAnalytics(services: ZhidaServices, log: FastifyBaseLogger): Promise<void> {
  for (const demo of demoTenants) {
    const tenant = await services.tenants.findBySlug(demo.slug);
    if (!tenant) continue;
    try {
      const config = await TenantScope.asTenant(tenant.id, () => services.botConfigs.get({ tenantId: tenant.id }));
      if (!config) continue;
      const events = await seedDemoAnalyticsHistory(services.database.db, tenant.id, demo.slug, config);
      if (events > 0) log.info({ tenant: demo.slug, events }, 'demo analytics history seeded');
    } catch (err) {
      log.warn({ tenant: demo.slug, err: (err as Error).message }, 'demo analytics history not seeded');
    }
  }
}
