import { templateDocuments, templateIds } from '@zhida/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../test-support/test-app.js';
import { seedDemoDocuments } from './demo-documents.js';

describe('demo documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start('pglite');
  });
  afterAll(() => t.close());

  it.each(templateIds)("imports every file of the %s template's documents folder once, as passages the answer side sees", async (template) => {
    const tenant = await t.createTenant(`demo-docs-${template}`);
    const files = await templateDocuments(template);
    const log = t.app.log;
    expect(await seedDemoDocuments(t.app.zhida.documents, tenant.id, template, log)).toBe(files.length);
    const listed = await t.as(tenant, () => t.app.zhida.documents.repository.list({ tenantId: tenant.id }));
    expect(listed.map((d) => d.source_name).sort()).toEqual(files.map((f) => f.name));
    for (const document of listed) expect(document.passages, document.source_name).toBeGreaterThan(0);
    expect(await seedDemoDocuments(t.app.zhida.documents, tenant.id, template, log)).toBe(0);
  });
});
