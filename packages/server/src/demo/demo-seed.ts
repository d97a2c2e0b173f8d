import { randomUUID } from 'node:crypto';
import { loadTemplate } from '@zhida/templates';
import type { FastifyBaseLogger } from 'fastify';
import type { ZhidaServices } from '../http/build-app.js';
import { DEMO_PASSWORD, demoTenants, demoUsers } from './demo-tenants.js';

export interface SeededTenant {
  slug: string;
  name: string;
  faqCount: number;
}

/**
 * Creates the demo tenants, their staff and their template FAQs on first
 * start. Idempotent: an existing tenant is left as it is (and edits kept).
 */
export async function seedDemo(services: ZhidaServices, log: FastifyBaseLogger): Promise<SeededTenant[]> {
  const seeded: SeededTenant[] = [];
  for (const demo of demoTenants) {
    const existing = await services.tenants.findBySlug(demo.slug);
    if (existing) {
      seeded.push({ slug: demo.slug, name: existing.name, faqCount: (await services.faqs.list({ tenantId: existing.id })).length });
      continue;
    }
    let template;
    try {
      template = await loadTemplate(demo.template);
    } catch (err) {
      log.warn({ template: demo.template, err: (err as Error).message }, 'template not available; demo tenant skipped');
      continue;
    }
    const tenant = await services.tenants.create({ id: randomUUID(), slug: demo.slug, name: demo.name, industry: demo.template });
    const ctx = { tenantId: tenant.id };
    for (const u of demoUsers) await services.users.create(ctx, { ...u, password: DEMO_PASSWORD });
    await services.faqs.createMany(
      ctx,
      template.faqs.map((f) => ({ question: f.question, paraphrases: f.paraphrases, answer: f.answer, category: f.category })),
    );
    seeded.push({ slug: demo.slug, name: demo.name, faqCount: template.faqs.length });
  }
  return seeded;
}
