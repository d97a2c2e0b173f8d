import { loadTemplate } from '@zhida/templates';
import { ReturnPolicy } from './return-policy.js';
import type { SelfServiceDb } from './self-service-db.js';

/** The return policy of each tenant, read from its industry template's knowledge graph (cached per industry). */
export class TenantReturnPolicies {
  private readonly byIndustry = new Map<string, Promise<ReturnPolicy | null>>();

  constructor(private readonly db: SelfServiceDb) {}

  async forTenant(tenantId: string): Promise<ReturnPolicy | null> {
    const tenant = await this.db.selectFrom('tenants').select('industry').where('id', '=', tenantId).executeTakeFirst();
    if (!tenant) return null;
    let policy = this.byIndustry.get(tenant.industry);
    if (!policy) {
      policy = loadTemplate(tenant.industry).then(
        (t) => ReturnPolicy.fromGraph(t.knowledgeGraph),
        () => null,
      );
      this.byIndustry.set(tenant.industry, policy);
    }
    return policy;
  }
}
