import type { ConnectorContext } from '../connectors/connector-context.js';
import type { IdentityConnector } from '../connectors/identity-connector.js';
import type { SelfServiceDb } from '../self-service-db.js';

/** Bank customers and telecom subscribers of the demo tenants, found by their registered mobile. */
export class DemoIdentityConnector implements IdentityConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async findByMobile(ctx: ConnectorContext, mobile: string) {
    const customer = await this.db.selectFrom('demo_customers').select(['customer_id', 'name']).where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    if (customer) return { customerId: customer.customer_id, name: customer.name };
    const subscriber = await this.db.selectFrom('demo_subscribers').select(['customer_id', 'name']).where('tenant_id', '=', ctx.tenantId).where('mobile', '=', mobile).executeTakeFirst();
    return subscriber ? { customerId: subscriber.customer_id, name: subscriber.name } : null;
  }
}
