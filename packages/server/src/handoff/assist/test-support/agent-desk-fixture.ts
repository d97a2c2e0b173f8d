import type { TemplateId } from '@zhida/templates';
import { TenantScope } from '../../../db/tenant-scope.js';
import { TenantProvisioner } from '../../../tenancy/tenant-provisioner.js';
import { TEST_PASSWORD, type TestApp, type TestTenant } from '../../../test-support/test-app.js';

/**
 * A tenant installed from an industry template (model trained) with one staff user per role, like
 * `TestApp.createTenant` makes: what the agent-desk tests log in to. Its orders and accounts live in the
 * app's enterprise backend: start the app with `TestApp.start(backend, {}, { demoEnterprise: true })`.
 */
export async function staffedTemplateTenant(t: TestApp, options: { slug: string; template: TemplateId; identitySecret?: string }): Promise<TestTenant> {
  const roles = ['admin', 'supervisor', 'agent', 'analyst'] as const;
  const tenant = await new TenantProvisioner(t.app.zhida).create({
    slug: options.slug,
    name: options.slug,
    template: options.template,
    users: roles.map((role) => ({ email: `${role}@${options.slug}.test`, name: `${role} of ${options.slug}`, role, password: TEST_PASSWORD })),
  });
  if (options.identitySecret) await t.app.zhida.tenants.setIdentityVerification(tenant.id, 'optional', options.identitySecret);
  await TenantScope.asTenant(tenant.id, () => t.app.zhida.brains.ensureTraining({ tenantId: tenant.id }));
  const users = {} as TestTenant['users'];
  await TenantScope.asTenant(tenant.id, async () => {
    for (const u of await t.app.zhida.users.list({ tenantId: tenant.id })) users[u.role] = { id: u.id, email: u.email };
  });
  return { id: tenant.id, slug: tenant.slug, users };
}
